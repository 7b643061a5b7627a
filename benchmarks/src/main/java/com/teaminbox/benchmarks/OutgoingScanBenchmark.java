package com.teaminbox.benchmarks;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.teaminbox.core.outgoing.DataLossAction;
import com.teaminbox.core.outgoing.DataLossDetector;
import com.teaminbox.core.outgoing.DataLossSettings;
import com.teaminbox.core.outgoing.LinearPattern;
import com.teaminbox.core.outgoing.OutgoingScan;
import com.teaminbox.core.outgoing.OutgoingScanner;

/**
 * The data-loss scan over one big outgoing mail, as the submission hook runs it: a multipart mail
 * of {@code megabytes} MB (half a plain-text body, half a base64 text attachment; digits, IBAN-like
 * groups and near-misses of the pattern throughout), generated as a stream so that the mail itself
 * takes no heap, with a card number at the very end. Reports time, throughput and peak heap; run
 * with a small {@code -Xmx} to show that memory does not grow with the mail. Usage:
 * {@code ./benchmark outgoing [megabytes, default 20]}; results in docs/benchmarks.md.
 */
public final class OutgoingScanBenchmark {
    private static final String CARD = "4111 1111 1111 1111";
    /** A line that keeps every detector busy: digit runs, letter-digit groups, a near-miss of the pattern. */
    private static final String LINE = "Order 12345678 ref FR76 3000 ABCD 4111 1111 1111 1112 host build-7.corp.example.tes x\r\n";

    private OutgoingScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        DataLossSettings settings = new DataLossSettings(List.of(DataLossDetector.cardNumbers(DataLossAction.REFUSE),
            DataLossDetector.ibans(DataLossAction.HOLD),
            DataLossDetector.pattern("internal-host", LinearPattern.compile("[a-z0-9-]+\\.corp\\.example\\.test", false), DataLossAction.FLAG)),
            true, DataLossSettings.DEFAULT_HOLD_REPOSITORY);
        OutgoingScanner scanner = new OutgoingScanner(settings);
        scan(scanner, 2); // warm-up
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long bytes = (long) megabytes * 1024 * 1024;
        // CPU time of this thread as well as wall time: on a shared machine the wall clock measures the neighbours.
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long start = System.nanoTime();
        OutgoingScan scan = scan(scanner, megabytes);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed())
            .sum();
        System.out.printf(Locale.ROOT, "mail: %d MB (text body + base64 text attachment), max heap %d MB%n", megabytes,
            Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(Locale.ROOT, "scan: %.2f s wall, %.2f s CPU (%.1f MB/s of CPU), peak heap %d MB, complete=%s%n", seconds,
            cpuSeconds, bytes / cpuSeconds / (1024 * 1024), peakHeap / (1024 * 1024), scan.complete());
        System.out.println("findings: " + scan.findings().stream().map(finding -> finding.describe()).toList());
    }

    private static OutgoingScan scan(OutgoingScanner scanner, int megabytes) {
        return scanner.scan(new GeneratedMail((long) megabytes * 1024 * 1024));
    }

    /** A mail written on the fly: headers, a text body, a base64 text attachment ending with a card number. */
    private static final class GeneratedMail extends InputStream {
        private final long bodyBytes;
        private final long attachmentBytes;
        private byte[] chunk = ("From: support@example.test\r\nTo: jane@customer.test\r\nSubject: Logs\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        private int position;
        private long written;
        private int stage;

        private GeneratedMail(long size) {
            this.bodyBytes = size / 2;
            this.attachmentBytes = size / 2;
        }

        @Override
        public int read() {
            while (position == chunk.length) {
                if (!next()) {
                    return -1;
                }
            }
            return chunk[position++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            while (position == chunk.length) {
                if (!next()) {
                    return -1;
                }
            }
            int count = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, count);
            position += count;
            return count;
        }

        private boolean next() {
            position = 0;
            switch (stage) {
                case 0 -> {
                    chunk = repeat(LINE, 1_000).getBytes(StandardCharsets.US_ASCII);
                    written += chunk.length;
                    if (written >= bodyBytes) {
                        stage = 1;
                        written = 0;
                    }
                }
                case 1 -> {
                    chunk = ("\r\n--b\r\nContent-Type: text/plain; name=\"log.txt\"\r\nContent-Disposition: attachment; filename=\"log.txt\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                    stage = 2;
                }
                case 2 -> {
                    // 57 raw bytes per base64 line, as MIME writes it.
                    byte[] raw = repeat(LINE, 570).getBytes(StandardCharsets.US_ASCII);
                    chunk = (Base64.getMimeEncoder().encodeToString(raw) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    written += chunk.length;
                    if (written >= attachmentBytes) {
                        stage = 3;
                    }
                }
                case 3 -> {
                    chunk = (Base64.getMimeEncoder().encodeToString(("card " + CARD + "\r\n").getBytes(StandardCharsets.US_ASCII))
                        + "\r\n--b--\r\n").getBytes(StandardCharsets.US_ASCII);
                    stage = 4;
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        private static String repeat(String line, int times) {
            return line.repeat(times);
        }
    }
}
