package com.teaminbox.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;

/**
 * Issue 18's measurements of the ticket counter and the SLA ledger (docs/benchmarks.md, "Ticket
 * numbers and the SLA ledger"), CPU time of the measuring thread, in one server:
 * <ul>
 *   <li>a new ticket through the registry in force, against an entry message appended per ticket
 *       as until 2026-12-06, in interleaved rounds of {@value #TICKETS} each;</li>
 *   <li>a lifecycle fact written into the SLA ledger (what the audit listener does per mail record)
 *       when the ledger is empty and when it holds {@value #SLA_TICKETS} tickets, and one escalation
 *       check over those tickets, twice;</li>
 *   <li>a lifecycle fact written one per ledger message (as until 2026-12-06) against ten per
 *       message (the listener's group commit under load), in interleaved rounds.</li>
 * </ul>
 * The server guesses thread ids naively, as {@code ./benchmark e2e}'s do ({@code -Dledgers.benchmark.stock-thread-ids=true}:
 * the memory server's own search at every append). Not part of the suite (it measures, it asserts nothing):
 * <pre>
 * mvn -o -B -pl integration-tests -am verify -Dtest=LedgersBenchmark -Dledgers.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "ledgers.benchmark", matches = "true")
class LedgersBenchmark {
    private static final String SUPPORT = "support@example.test";
    private static final int TICKETS = 500;
    private static final int ROUNDS = 3;
    private static final int SLA_TICKETS = 2_000;
    /** Tickets per round of the group-commit comparison: two facts each. */
    private static final int GROUPED_TICKETS = 200;
    private static final Instant MONDAY = Instant.parse("2026-12-07T08:00:00Z");

    /** As ./benchmark e2e: James's memory server would otherwise search the whole account at every append to guess its thread. */
    private static final Module NAIVE_THREAD_IDS = binder -> binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> { },
        Boolean.getBoolean("ledgers.benchmark.stock-thread-ids") ? List.of() : List.of(NAIVE_THREAD_IDS), TicketRegistryProbe.MODULE);

    @Test
    void measure() throws Exception {
        TicketCostMeter tickets = server.probe(TicketRegistryProbe.class).meter();
        // Warm-up of both paths: not counted.
        tickets.openInForce(SUPPORT, 200);
        tickets.openByAppending(SUPPORT, 200);
        List<TicketCostMeter.Cost> ticketCosts = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ticketCosts.add(tickets.openByAppending(SUPPORT, TICKETS));
            ticketCosts.add(tickets.openInForce(SUPPORT, TICKETS));
        }
        StringBuilder report = new StringBuilder("\n| new ticket | tickets | CPU per ticket, this thread | CPU per ticket, whole JVM |\n|---|---:|---:|---:|\n");
        for (TicketCostMeter.Cost cost : ticketCosts) {
            report.append(String.format("| %s | %d | %.0f µs | %.0f µs |%n", cost.variant(), cost.tickets(), cost.threadMicrosPerTicket(),
                cost.processMicrosPerTicket()));
        }

        SlaCostMeter sla = server.probe(TicketRegistryProbe.class).slaMeter();
        List<SlaCostMeter.Cost> slaCosts = new ArrayList<>();
        slaCosts.add(sla.recordTickets(SUPPORT, 100_000, 100, MONDAY));
        slaCosts.add(sla.recordTickets(SUPPORT, 100_100, SLA_TICKETS - 200, MONDAY));
        slaCosts.add(sla.recordTickets(SUPPORT, 100_000 + SLA_TICKETS - 100, 100, MONDAY));
        slaCosts.add(sla.check(SUPPORT, MONDAY.plusSeconds(3_600), "a check over " + SLA_TICKETS + " tickets (first on this node)"));
        slaCosts.add(sla.check(SUPPORT, MONDAY.plusSeconds(3_660), "a check over " + SLA_TICKETS + " tickets (next)"));
        slaCosts.add(sla.recordTickets(SUPPORT, 100_000 + SLA_TICKETS, 1, MONDAY));
        slaCosts.add(sla.check(SUPPORT, MONDAY.plusSeconds(3_720), "a check over " + SLA_TICKETS + " tickets after 3 new facts"));
        report.append("\n| SLA ledger | operations | CPU each, this thread |\n|---|---:|---:|\n");

        for (SlaCostMeter.Cost cost : slaCosts) {
            report.append(String.format("| %s | %d | %.0f µs |%n", cost.what(), cost.operations(), cost.microsEach()));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "ledgers-benchmark.md"), report);
    }

    /** Only the group-commit comparison: {@code -Dtest=LedgersBenchmark#measureGroupCommit}. */
    @Test
    void measureGroupCommit() throws Exception {
        SlaCostMeter sla = server.probe(TicketRegistryProbe.class).slaMeter();
        sla.recordTogether(SUPPORT, 200_000, 100, 1, MONDAY);
        sla.recordTogether(SUPPORT, 200_100, 100, 10, MONDAY);
        List<SlaCostMeter.Cost> grouped = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            int first = 210_000 + round * 1_000;
            grouped.add(sla.recordTogether(SUPPORT, first, GROUPED_TICKETS, 1, MONDAY));
            grouped.add(sla.recordTogether(SUPPORT, first + GROUPED_TICKETS, GROUPED_TICKETS, 10, MONDAY));
        }
        StringBuilder report = new StringBuilder(
            "\n| SLA ledger, group commit | facts | CPU per fact, this thread | CPU per fact, whole JVM |\n|---|---:|---:|---:|\n");
        for (SlaCostMeter.Cost cost : grouped) {
            report.append(String.format("| %s | %d | %.0f µs | %.0f µs |%n", cost.what(), cost.operations(), cost.microsEach(),
                cost.processMicrosEach()));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "ledgers-benchmark-group-commit.md"), report);
    }
}
