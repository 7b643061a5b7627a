package com.teaminbox.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;

/**
 * Issue 18's measurement of the mailbox-layer work the SLA listener asks per mail (docs/benchmarks.md,
 * "The mailbox layer's work per mail in (b), fourth round"), in one server:
 * <ul>
 *   <li>a customer's reply on a ticket: whether the ticket is resolved or pending, asked of every
 *       folder of the shared account, none carrying either keyword (the usual case), with
 *       {@value #INBOX_MESSAGES} messages in the INBOX, as the server asks it and with the folders
 *       listed with their counters as before ccd2562 (a tenth as many replies: each reads every
 *       message), in interleaved rounds;</li>
 *   <li>an SLA ledger entry of {@value #FACTS_PER_LEDGER_MESSAGE} facts, appended as a message as until
 *       2026-12-07 and inserted as an annotation as now, in interleaved rounds.</li>
 * </ul>
 * CPU of this thread, of the whole JVM and by kind of thread. Not part of the suite (it measures, it asserts nothing):
 * <pre>
 * mvn -o -B -pl integration-tests -am verify -Dtest=MailboxWorkBenchmark -Dmailbox.work.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "mailbox.work.benchmark", matches = "true")
class MailboxWorkBenchmark {
    private static final String SUPPORT = "support@example.test";
    private static final String TICKET = "SUP-999999";
    private static final int REPLIES = 2_000;
    private static final int ROUNDS = 3;
    private static final int INBOX_MESSAGES = 4_000;
    private static final int LEDGER_MESSAGES = 500;
    /** About what 50 ms of (b)'s mails give at 150 mails/s (two facts each: opened or customer-message, a rule matched). */
    private static final int FACTS_PER_LEDGER_MESSAGE = 12;

    /** As ./benchmark e2e. */
    private static final Module NAIVE_THREAD_IDS = binder -> binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> { }, List.of(NAIVE_THREAD_IDS), TicketRegistryProbe.MODULE);

    @Test
    void measure() throws Exception {
        MailboxWorkMeter meter = server.probe(TicketRegistryProbe.class).mailboxWorkMeter();
        // The INBOX of a steady run (./benchmark e2e --warmup 3000): the count does the work, not the size.
        meter.fill(SUPPORT, "INBOX", INBOX_MESSAGES);
        // Warm-up of both paths: not counted.
        meter.countingFolders(SUPPORT, REPLIES / 10);
        meter.inForce(SUPPORT, TICKET, REPLIES);
        List<MailboxWorkMeter.Cost> costs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            costs.add(meter.countingFolders(SUPPORT, REPLIES / 10));
            costs.add(meter.inForce(SUPPORT, TICKET, REPLIES));
        }
        meter.ledgerMessages(SUPPORT, 600_000, LEDGER_MESSAGES, FACTS_PER_LEDGER_MESSAGE);
        meter.ledgerMessagesAppended(SUPPORT, 650_000, LEDGER_MESSAGES, FACTS_PER_LEDGER_MESSAGE);
        for (int round = 0; round < ROUNDS; round++) {
            costs.add(meter.ledgerMessagesAppended(SUPPORT, 700_000 + round * 100_000, LEDGER_MESSAGES, FACTS_PER_LEDGER_MESSAGE));
            costs.add(meter.ledgerMessages(SUPPORT, 750_000 + round * 100_000, LEDGER_MESSAGES, FACTS_PER_LEDGER_MESSAGE));
        }
        StringBuilder report = new StringBuilder(
            "\n| operation | count | CPU each, this thread | CPU each, whole JVM | by thread (µs each, ≥ 5) |\n|---|---:|---:|---:|---|\n");
        for (MailboxWorkMeter.Cost cost : costs) {
            report.append(String.format("| %s | %d | %.1f µs | %.1f µs | %s |%n", cost.what(), cost.operations(), cost.threadMicrosEach(),
                cost.processMicrosEach(), cost.busiestThreads(5)));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "mailbox-work-benchmark.md"), report);
    }
}
