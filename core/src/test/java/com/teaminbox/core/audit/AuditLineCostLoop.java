package com.teaminbox.core.audit;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The record's line writer, run by hand (not a test; docs/benchmarks.md, {@code jit17audit}).
 * <pre>
 * AuditLineCostLoop append RECORDS   the e2e's records through an AuditChainWriter in a fresh JVM, as the
 *                                    server writes them: run with JFR or -XX:+PrintCompilation to see the compiles
 * AuditLineCostLoop cost ROUNDS RECORDS   CPU per record of the line (content, hash, line), median of the rounds
 *                                    (the sixteenth round compared it with the writer before it, kept in test scope
 *                                    at the branch's commit d61e63a)
 * </pre>
 * The events are the e2e pipeline's ({@link #event}: the records of {@code ./benchmark audit --mix server}).
 */
final class AuditLineCostLoop {
    private static final String SHARED_MAILBOX = "support@example.test";
    private static final String SENDER = "jane@customer.test";
    private static final AuditEventType[] CYCLE = {
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.RULE_MATCHED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.RULE_MATCHED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_THREADED,
        AuditEventType.MAIL_RECEIVED, AuditEventType.TICKET_CREATED, AuditEventType.RULE_MATCHED, AuditEventType.AUTORESPONSE_SUPPRESSED,
        AuditEventType.MESSAGE_READ};
    private static final int DISTINCT_EVENTS = 18 * 256;
    private static final Instant TIME = Instant.parse("2026-12-08T02:00:00.123Z");

    private AuditLineCostLoop() {
    }

    public static void main(String[] args) throws IOException {
        AuditEvent[] events = new AuditEvent[DISTINCT_EVENTS];
        for (int index = 0; index < events.length; index++) {
            events[index] = event(index);
        }
        switch (args[0]) {
            case "append" -> append(events, Integer.parseInt(args[1]));
            case "cost" -> cost(events, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("append RECORDS | cost ROUNDS RECORDS: " + args[0]);
        }
    }

    private static void append(AuditEvent[] events, int records) throws IOException {
        Path directory = Files.createTempDirectory("audit-line");
        long started = System.nanoTime();
        try (AuditChainWriter writer = new AuditChainWriter(directory, "mx1", Clock.systemUTC(),
            AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH)) {
            for (int index = 0; index < records; index++) {
                writer.appendOne(events[index % events.length]);
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.out.printf(Locale.ROOT, "%d records in %.0f ms%n", records, (System.nanoTime() - started) / 1e6);
    }

    private static void cost(AuditEvent[] events, int rounds, int records) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] micros = new double[rounds];
        CanonicalJsonWriter lines = new CanonicalJsonWriter();
        MessageDigest sha256 = AuditRecord.newSha256();
        long sink = 0;
        // round -1 warms up and is not counted
        for (int round = -1; round < rounds; round++) {
            long cpu = threads.getCurrentThreadCpuTime();
            sink += lines(lines, sha256, events, records);
            if (round >= 0) {
                micros[round] = (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / records;
                System.out.printf(Locale.ROOT, "round %d: %.3f µs per record%n", round, micros[round]);
            }
        }
        System.out.printf(Locale.ROOT, "median %.3f µs per record (%.3f – %.3f) (%d)%n", median(micros), min(micros), max(micros), sink % 10);
    }

    /** {@code records} lines written and chained. */
    private static long lines(CanonicalJsonWriter lines, MessageDigest sha256, AuditEvent[] events, int records) {
        long sink = 0;
        String prev = AuditRecord.GENESIS;
        for (int index = 0; index < records; index++) {
            AuditRecord.Chained chained = AuditRecord.chainLine(lines, sha256, events[index % events.length], "mx1", 1_000_000L + index,
                TIME, prev);
            sink += chained.line().length;
            prev = chained.record().hash();
        }
        return sink;
    }

    /** The record numbered {@code sequence} of the e2e pipeline (as the benchmarks' {@code ServerRecords}). */
    static AuditEvent event(long sequence) {
        long mail = sequence / 4;
        String messageId = "<e2e-b1-" + mail + "@bench.test>";
        String mailId = "Mail17965834" + (10_000_000 + mail) + "-286bd3b1-719b-4c07-a2ca-2ad919a6d703";
        String ticket = "SUP-" + (1000 + mail);
        String subject = sequence % 18 == 1 ? "Заказ " + mail + " не доставлен, срочно" : "Urgente : accès VPN impossible " + mail;
        return switch (CYCLE[(int) (sequence % CYCLE.length)]) {
            case MAIL_RECEIVED -> AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender(SENDER))
                .sharedMailbox(SHARED_MAILBOX).messageId(messageId).decision("accepted")
                .detail("mailId", mailId).detail("remoteAddress", "127.0.0.1").detail("size", 20_755).build();
            case TICKET_CREATED -> AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId(messageId).decision("created").reason("NEW_TICKET")
                .detail("mailId", mailId).detail("sender", SENDER).detail("subject", subject).build();
            case TICKET_THREADED -> AuditEvent.of(AuditEventType.TICKET_THREADED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId(messageId).decision("threaded").reason("IN_REPLY_TO")
                .detail("mailId", mailId).detail("sender", SENDER).detail("subject", "Re: [" + ticket + "] " + subject).build();
            case RULE_MATCHED -> AuditEvent.of(AuditEventType.RULE_MATCHED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId(messageId).decision("applied")
                .detail("actions", "[flag \\Flagged, keyword $Urgent]").detail("mailId", mailId).detail("rule", "urgent")
                .detail("sender", SENDER).detail("subject", "[" + ticket + "] " + subject).build();
            case AUTORESPONSE_SUPPRESSED -> AuditEvent.of(AuditEventType.AUTORESPONSE_SUPPRESSED, AuditActor.system())
                .sharedMailbox(SHARED_MAILBOX).ticket(ticket).messageId(messageId).decision("suppressed")
                .reason("suppress SENDER_DAILY_CAP (10 per day): the sender reached the daily cap of acknowledgements")
                .detail("mailId", mailId).detail("sender", SENDER).build();
            default -> AuditEvent.of(AuditEventType.MESSAGE_READ, AuditActor.member("alice@example.test"))
                .sharedMailbox(SHARED_MAILBOX).decision("accepted")
                .detail("command", "FETCH").detail("folder", "INBOX").detail("uids", Long.toString(mail)).build();
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
