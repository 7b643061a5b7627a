package com.teaminbox.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.demo.DemoHome;
import com.teaminbox.demo.DemoServer;

/**
 * Issue 21's measurement (docs/benchmarks.md, "Webhooks"): does a burst of 1,000 ticket events to
 * a slow receiver slow mail delivery? The same run starts a server without a subscription and one
 * with a subscription to a receiver that takes {@value #RECEIVER_MILLIS} ms per answer (rounds:
 * {@code -Dwebhooks.benchmark.rounds}, default 1); each gets 1,000 new mails in one SMTP session, and the time from the first mail
 * sent to the 1,000th visible in the shared INBOX is measured. Not part of the suite (it takes
 * minutes and measures, it asserts nothing):
 * <pre>
 * mvn -o -B -pl integration-tests -am verify -Dtest=WebhookBurstBenchmark -Dwebhooks.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "webhooks.benchmark", matches = "true")
class WebhookBurstBenchmark {
    private static final int MAILS = 1_000;
    private static final long RECEIVER_MILLIS = 500;
    private static final String SUPPORT = "support@example.test";
    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");

    record Run(String variant, Duration smtp, Duration delivered, int webhooksAtDelivery) {
    }

    @Test
    void aBurstToASlowReceiverShouldNotSlowMailDelivery() throws Exception {
        List<Run> runs = new ArrayList<>();
        int rounds = Integer.getInteger("webhooks.benchmark.rounds", 1);
        for (int round = 0; round < rounds; round++) {
            // With the subscription first: the second server of a round runs on a warmer JVM, so
            // any bias favours the run without webhooks.
            try (WebhookReceiver receiver = new WebhookReceiver().slow(RECEIVER_MILLIS)) {
                runs.add(run(Optional.of(receiver)));
            }
            runs.add(run(Optional.empty()));
        }
        Map<String, List<Run>> byVariant = new LinkedHashMap<>();
        runs.forEach(run -> byVariant.computeIfAbsent(run.variant(), key -> new ArrayList<>()).add(run));
        StringBuilder report = new StringBuilder("| run | variant | SMTP accepted 1,000 (s) | all 1,000 in INBOX (s) | webhooks answered by then |\n"
            + "|---|---|---|---|---|\n");
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            report.append(String.format("| %d | %s | %.1f | %.1f | %s |%n", i + 1, run.variant(), seconds(run.smtp()), seconds(run.delivered()),
                run.variant().equals("none") ? "-" : Integer.toString(run.webhooksAtDelivery())));
        }
        double without = byVariant.get("none").stream().mapToDouble(run -> seconds(run.delivered())).average().orElseThrow();
        double with = byVariant.get("slow receiver").stream().mapToDouble(run -> seconds(run.delivered())).average().orElseThrow();
        report.append(String.format("%nMean time to deliver 1,000 mails: %.1f s without a subscription, %.1f s with one (ratio %.2f).%n",
            without, with, with / without));
        System.out.println(report);
        Files.writeString(Path.of("target", "webhook-burst.md"), report);
    }

    private Run run(Optional<WebhookReceiver> receiver) throws Exception {
        Path directory = Files.createTempDirectory("teaminbox-webhook-burst");
        DemoHome home = DemoHome.prepare(directory, true)
            .withConfigurationFile("webhook.whsec", WebhookReceiver.SECRET)
            .withSharedMailboxes("<shared-mailboxes>\n"
                + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
                + receiver.map(slow -> "    <webhooks><endpoint name=\"slow\" url=\"" + slow.url() + "\" allow-private-network=\"true\""
                    + " events=\"ticket.created\"><secret file=\"webhook.whsec\"/></endpoint></webhooks>\n").orElse("")
                + "  </shared-mailbox>\n"
                + "</shared-mailboxes>\n");
        DemoServer server = DemoServer.start(home);
        try {
            List<String> subjects = IntStream.range(0, MAILS).mapToObj(i -> "Burst mail " + i).toList();
            long start = System.nanoTime();
            new SmtpTestClient(server.ports().smtp()).sendInOneSession("jane@customer.test", SUPPORT, subjects);
            Duration smtp = Duration.ofNanos(System.nanoTime() - start);
            TeamInboxServer.awaitUntil(() -> inboxCount(server) >= MAILS, MAILS + " mails in the INBOX", Duration.ofMinutes(10));
            Duration delivered = Duration.ofNanos(System.nanoTime() - start);
            int answered = receiver.map(slow -> slow.received().size()).orElse(0);
            if (AuditRecords.in(home.root().resolve("var/audit"), AuditEventType.TICKET_CREATED).size() != MAILS) {
                throw new AssertionError("expected " + MAILS + " tickets");
            }
            return new Run(receiver.isPresent() ? "slow receiver" : "none", smtp, delivered, answered);
        } finally {
            server.close();
            TeamInboxServer.deleteRecursively(directory);
        }
    }

    private static int inboxCount(DemoServer server) throws Exception {
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            imap.authenticatePlain(SUPPORT, "alice@example.test", TeamInboxServer.PASSWORD);
            imap.select("INBOX");
            Matcher exists = EXISTS.matcher(imap.lastReply());
            return exists.find() ? Integer.parseInt(exists.group(1)) : 0;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
