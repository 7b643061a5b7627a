package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.stream.Stream;

/** Rewrites the end-to-end sections of docs/benchmarks.md between their markers, with the machine and command. */
final class ResultsTable {
    private static final String COMPARISON = "e2e-comparison";
    private static final String COMPARISON_STOCK_THREAD_IDS = "e2e-comparison-stock-thread-ids";
    private static final String MEMORY = "e2e-memory";

    private ResultsTable() {
    }

    static void writeComparison(Path document, String command, LocalDate date, EndToEndBenchmark.Result stock,
                                EndToEndBenchmark.Result ours, double ratio, String heap, int senders, int warmup,
                                boolean stockThreadIds) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Run of ").append(date).append(" on ").append(machine()).append(", `").append(command).append("`: ")
            .append(stock.mails).append(" mails of ~20 KB after ").append(warmup).append(" warm-up mails, ").append(senders)
            .append(" concurrent SMTP senders, each server its own JVM with -Xmx").append(heap)
            .append(stockThreadIds ? ", the memory server's own thread-id guessing (a search of the account per append).\n\n"
                : ", both servers with James's naive thread-id guessing.\n\n")
            .append("| pipeline | mails/s | p50 latency | p99 latency | max latency | peak heap before / after GC | server CPU per mail (of which JIT) |\n")
            .append("|---|---:|---:|---:|---:|---:|---:|\n");
        row(text, stock);
        row(text, ours);
        text.append(String.format(Locale.ROOT, "%nThroughput ratio b/a: **%.2f** (target ≥ 0.8).%n", ratio));
        if (stock.serverCpu.isPresent() && ours.serverCpu.isPresent()) {
            text.append(String.format(Locale.ROOT, "Server CPU per mail, a/b: %.2f.%n",
                cpuMillisPerMail(stock) / cpuMillisPerMail(ours)));
        }
        replace(document, stockThreadIds ? COMPARISON_STOCK_THREAD_IDS : COMPARISON, text.toString());
    }

    static void writeMemory(Path document, String command, LocalDate date, java.util.List<EndToEndBenchmark.Result> results, int senders)
        throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Run of ").append(date).append(" on ").append(machine()).append(", `").append(command).append("`, ")
            .append(senders).append(" senders, each server fresh with -Xmx512m ((b) with 1,000 rules):\n\n")
            .append("| run | delivered | mails/s | p50 latency | p99 latency | peak heap before / after GC | OutOfMemoryError |\n")
            .append("|---|---:|---:|---:|---:|---:|---|\n");
        for (EndToEndBenchmark.Result result : results) {
            text.append(String.format(Locale.ROOT, "| %s | %d/%d | %.1f | %.0f ms | %.0f ms | %d / %d MB | %s |%n", result.name,
                result.delivered, result.mails, result.throughput(), result.percentile(0.5), result.percentile(0.99), result.peakHeapMegabytes,
                result.peakLiveHeapMegabytes, result.outOfMemory ? "**yes**" : "no"));
        }
        replace(document, MEMORY, text.toString());
    }

    private static void row(StringBuilder text, EndToEndBenchmark.Result result) {
        String cpu = result.serverCpu.map(measured -> String.format(Locale.ROOT, "%.1f ms (%.1f ms)", cpuMillisPerMail(result),
            1000 * measured.jitSeconds() / result.delivered)).orElse("n/a");
        text.append(String.format(Locale.ROOT, "| %s | %.1f | %.0f ms | %.0f ms | %.0f ms | %d / %d MB | %s |%n", result.name, result.throughput(),
            result.percentile(0.5), result.percentile(0.99), result.percentile(1.0), result.peakHeapMegabytes, result.peakLiveHeapMegabytes,
            cpu));
    }

    static double cpuMillisPerMail(EndToEndBenchmark.Result result) {
        return result.serverCpu.map(measured -> 1000 * measured.totalSeconds() / result.delivered).orElse(Double.NaN);
    }

    private static void replace(Path document, String section, String content) throws IOException {
        String start = "<!-- " + section + ":start -->";
        String end = "<!-- " + section + ":end -->";
        String text = Files.readString(document);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(document + " has no " + start + " ... " + end + " section");
        }
        Files.writeString(document, text.substring(0, from + start.length()) + "\n" + content + text.substring(to));
        System.out.println("Results written to " + document + " (" + section + ")");
    }

    static String machine() {
        long memoryKb = 0;
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memoryKb = lines.filter(line -> line.startsWith("MemTotal:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0);
        } catch (IOException e) {
            // Not Linux: the memory is left out.
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (memoryKb > 0 ? String.format(Locale.ROOT, ", %.0f GiB", memoryKb / 1048576.0) : "")
            + ", Java " + Runtime.version();
    }
}
