package com.teaminbox.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.utils.GuiceProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.teaminbox.demo.DemoServer;

/**
 * Retention at scale: starts the demo's James in-process (memory storage, the demo's support@
 * policies: Junk deleted after 30 days, answered INBOX mail archived by month after 90, $Hold),
 * appends {@code count} messages with past internal dates through the MailboxManager, then runs
 * retention through WebAdmin and reports time, counts and peak heap. Meant for {@code -Xmx512m}:
 * <pre>
 * ./benchmark retention [count, default 100000]
 * </pre>
 * Half the messages go to Junk, dated from 60 days ago to now; half to INBOX, from 200 days ago to
 * now, every other one answered; two in a hundred carry the $Hold keyword. Dates follow arrival
 * (UID) order, give or take an hour, as in a real mailbox. Seeded: runs are comparable.
 * It times a dry run (search, headers, decisions) and then the real run (plus deletions, moves,
 * receipts).
 */
public final class RetentionBenchmark {
    private static final String SUPPORT = "support@example.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RetentionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        DemoServer server = InProcessDemo.start("retention", Generator.class, "com.teaminbox.james.retention.RetentionService");
        try {
            Instant now = Instant.now();
            long started = System.nanoTime();
            server.james().getProbe(Generator.class).generate(count, now);
            double generation = (System.nanoTime() - started) / 1e9;
            System.out.printf("Generated %,d messages in %.1f s (%,.0f/s)%n", count, generation, count / generation);

            measure("Dry run", server.ports().webAdmin(), true);
            measure("Real run", server.ports().webAdmin(), false);
        } finally {
            server.close();
        }
        // James leaves a non-daemon mail queue thread behind after stop.
        System.exit(0);
    }

    private static void measure(String label, int webAdminPort, boolean dryRun) throws Exception {
        System.gc();
        resetPeaks();
        long gcBefore = gcCount();
        long usedBefore = usedHeap();
        long started = System.nanoTime();
        JsonNode task = runRetention(webAdminPort, dryRun);
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode counts = task.get("additionalInformation");
        System.out.printf("%s %s in %.1f s: examined %,d, deleted %,d, moved %,d, held %,d, failed %,d (%,.0f examined/s)%n",
            label, task.get("status").asText(), seconds, counts.get("examined").asLong(), counts.get("deleted").asLong(),
            counts.get("moved").asLong(), counts.get("held").asLong(), counts.get("failed").asLong(),
            counts.get("examined").asLong() / seconds);
        System.out.printf("  heap: max %d MiB; used before %d MiB (mostly the mailboxes: memory storage); peak during the run %d MiB;"
                + " %d GCs%n",
            Runtime.getRuntime().maxMemory() >> 20, usedBefore >> 20, peakHeap() >> 20, gcCount() - gcBefore);
    }

    private static JsonNode runRetention(int webAdminPort, boolean dryRun) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + webAdminPort;
        HttpResponse<String> submitted = http.send(HttpRequest.newBuilder(URI.create(base + "/shared-mailboxes/" + SUPPORT
            + "/retention?dryRun=" + dryRun)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
        if (submitted.statusCode() != 201) {
            throw new IllegalStateException("Retention not submitted: " + submitted.statusCode() + " " + submitted.body());
        }
        String taskId = JSON.readTree(submitted.body()).get("taskId").asText();
        while (true) {
            Thread.sleep(1_000);
            JsonNode task = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/tasks/" + taskId)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
            String status = task.get("status").asText();
            JsonNode counts = task.get("additionalInformation");
            System.out.printf("  %s: examined %,d, deleted %,d, moved %,d, held %,d; heap used %d MiB%n", status,
                counts.get("examined").asLong(), counts.get("deleted").asLong(), counts.get("moved").asLong(),
                counts.get("held").asLong(), usedHeap() >> 20);
            if (!List.of("waiting", "inProgress").contains(status)) {
                return task;
            }
        }
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .mapToLong(pool -> pool.getPeakUsage().getUsed())
            .sum();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** Appends straight through the MailboxManager, as the shared account: no SMTP, no IMAP in the way. */
    public static class Generator implements GuiceProbe {
        private static final int WRITERS = 4;
        private final MailboxManager mailboxManager;

        @Inject
        public Generator(MailboxManager mailboxManager) {
            this.mailboxManager = mailboxManager;
        }

        /** Appends from {@link #WRITERS} threads, each with its own session. */
        void generate(int count, Instant now) throws Exception {
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            AtomicInteger done = new AtomicInteger();
            List<Future<?>> results = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int first = writer;
                results.add(writers.submit(() -> {
                    append(first, count, now, done);
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
            writers.shutdown();
        }

        private void append(int first, int count, Instant now, AtomicInteger done) throws Exception {
            MailboxSession session = mailboxManager.createSystemSession(Username.of(SUPPORT));
            MessageManager junk = mailboxManager.getMailbox(MailboxPath.forUser(session.getUser(), "Junk"), session);
            MessageManager inbox = mailboxManager.getMailbox(MailboxPath.forUser(session.getUser(), "INBOX"), session);
            Random random = new Random(first);
            for (int index = first; index < count; index += WRITERS) {
                boolean toJunk = index % 2 == 0;
                // Arrival order: the first messages are the oldest (give or take an hour), as UIDs go in a real mailbox.
                long span = Duration.ofDays(toJunk ? 60 : 200).toSeconds();
                long ageSeconds = Math.max(0, (long) (span * (1 - (double) index / count)) + random.nextInt(7200) - 3600);
                Flags flags = new Flags();
                if (!toJunk && index % 4 == 1) {
                    flags.add(Flags.Flag.ANSWERED);
                }
                if (index % 100 <= 1) {
                    flags.add("$Hold");
                }
                byte[] message = ("From: customer" + (index % 1000) + "@customer.test\r\n"
                    + "To: " + SUPPORT + "\r\n"
                    + "Subject: [SUP-" + (index + 1) + "] Question number " + index + "\r\n"
                    + "Message-ID: <" + index + "@benchmark.test>\r\n"
                    + "\r\n"
                    + "Hello, this is message " + index + ".\r\n").getBytes(StandardCharsets.UTF_8);
                (toJunk ? junk : inbox).appendMessage(MessageManager.AppendCommand.builder()
                    .withInternalDate(Date.from(now.minusSeconds(ageSeconds)))
                    .withFlags(flags)
                    .notRecent()
                    .build(message), session);
                if (done.incrementAndGet() % 20_000 == 0) {
                    System.out.printf("  %,d messages appended%n", done.get());
                }
            }
            mailboxManager.endProcessingRequest(session);
        }
    }
}
