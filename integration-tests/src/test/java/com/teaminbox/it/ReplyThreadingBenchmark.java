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
 * Issue 18, eighth round (docs/benchmarks.md, "Threading a reply"): the CPU, on the asking thread,
 * and of the whole JVM, of finding the ticket of a reply that lost its tag, by key against the account search of
 * until 2026-12-07, in one memory server whose support@ INBOX holds 1,000 then 10,000 ticketed
 * messages, the two ways alternated; and what remembering a ticketed message costs, with its ticket
 * and without. Not part of the suite (it measures, it asserts nothing):
 * <pre>
 * mvn -o -B -pl integration-tests -am verify -Dtest=ReplyThreadingBenchmark -Dreply.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "reply.benchmark", matches = "true")
class ReplyThreadingBenchmark {
    private static final String SUPPORT = "support@example.test";
    private static final int[] ACCOUNT_SIZES = {1_000, 10_000};
    private static final int ROUNDS = 3;

    /** As ./benchmark e2e: James's memory server would otherwise search the whole account at every append to guess its thread. */
    private static final Module NAIVE_THREAD_IDS = binder -> binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> { }, List.of(NAIVE_THREAD_IDS), TicketRegistryProbe.MODULE);

    @Test
    void measure() throws Exception {
        ReplyThreadingMeter meter = server.probe(TicketRegistryProbe.class).replyThreadingMeter();
        List<ReplyThreadingMeter.Cost> costs = new ArrayList<>();
        for (int messages : ACCOUNT_SIZES) {
            meter.fill(SUPPORT, messages);
            // Warm-up of both paths: not counted. Fewer searches than key reads: each search reads the whole account.
            int searches = messages >= 10_000 ? 50 : 200;
            meter.bySearch(SUPPORT, searches);
            meter.byKey(SUPPORT, 20_000);
            for (int round = 0; round < ROUNDS; round++) {
                costs.add(meter.bySearch(SUPPORT, searches));
                costs.add(meter.byKey(SUPPORT, 10_000));
            }
        }
        meter.remember(SUPPORT, 20_000, false);
        meter.remember(SUPPORT, 20_000, true);
        for (int round = 0; round < ROUNDS; round++) {
            costs.add(meter.remember(SUPPORT, 10_000, false));
            costs.add(meter.remember(SUPPORT, 10_000, true));
        }
        StringBuilder report = new StringBuilder("\n| step | messages in the account | replies or messages | CPU each, this thread "
            + "| CPU each, whole JVM |\n|---|---:|---:|---:|---:|\n");
        for (ReplyThreadingMeter.Cost cost : costs) {
            report.append(String.format("| %s | %,d | %,d | %.1f µs | %.1f µs |%n", cost.variant(), cost.messages(), cost.replies(),
                cost.threadMicrosPerReply(), cost.processMicrosPerReply()));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "reply-threading-benchmark.md"), report);
    }
}
