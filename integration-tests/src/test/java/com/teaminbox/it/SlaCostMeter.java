package com.teaminbox.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.james.sla.SlaEscalations;
import com.teaminbox.james.sla.SlaLedger;

/**
 * Built by {@link TicketRegistryProbe} with the extension's own bindings: writes lifecycle facts
 * into a shared mailbox's SLA ledger as the audit listener does for each mail, and runs the
 * escalation check, counting the CPU of this thread for each.
 */
public class SlaCostMeter {
    /** CPU of this thread for {@code operations} operations. */
    public record Cost(String what, int operations, long threadCpuNanos, long processCpuNanos) {
        Cost(String what, int operations, long threadCpuNanos) {
            this(what, operations, threadCpuNanos, 0);
        }

        public double microsEach() {
            return threadCpuNanos / 1_000.0 / operations;
        }

        public double processMicrosEach() {
            return processCpuNanos / 1_000.0 / operations;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ConfigurationInForce configuration;
    private final SlaLedger ledger;
    private final SlaEscalations escalations;

    @Inject
    public SlaCostMeter(ConfigurationInForce configuration, SlaLedger ledger, SlaEscalations escalations) {
        this.configuration = configuration;
        this.ledger = ledger;
        this.escalations = escalations;
    }

    /**
     * Tickets {@code first}… each opened at {@code at} and resolved a minute later (two facts each, as
     * two records would write): nothing is due, so a check only reads and folds.
     */
    public Cost recordTickets(String sharedAddress, int first, int tickets, Instant at) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = first; i < first + tickets; i++) {
            String ticket = sharedMailbox.ticketPrefix().value() + "-" + i;
            ledger.record(sharedMailbox, TicketFact.of(ticket, TicketFact.Kind.OPENED, at, "jane@customer.test"));
            ledger.record(sharedMailbox, TicketFact.of(ticket, TicketFact.Kind.RESOLVED, at.plus(Duration.ofMinutes(1)), "alice@example.test"));
        }
        return new Cost("a lifecycle fact written (" + first + "…" + (first + tickets - 1) + ")", tickets * 2,
            THREADS.getCurrentThreadCpuTime() - start);
    }

    /**
     * Facts of {@code tickets} tickets (opened, resolved a minute later), written {@code perMessage}
     * to a ledger message as the listener's group commit does under load (1: one append per fact, as
     * until 2026-12-06); CPU of this thread and of the whole JVM (the append's listeners run elsewhere).
     */
    public Cost recordTogether(String sharedAddress, int first, int tickets, int perMessage, Instant at) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        List<TicketFact> facts = new ArrayList<>();
        for (int i = first; i < first + tickets; i++) {
            String ticket = sharedMailbox.ticketPrefix().value() + "-" + i;
            facts.add(TicketFact.of(ticket, TicketFact.Kind.OPENED, at, "jane@customer.test"));
            facts.add(TicketFact.of(ticket, TicketFact.Kind.RESOLVED, at.plus(Duration.ofMinutes(1)), "alice@example.test"));
        }
        long start = THREADS.getCurrentThreadCpuTime();
        long process = processCpu();
        for (int from = 0; from < facts.size(); from += perMessage) {
            ledger.record(sharedMailbox, facts.subList(from, Math.min(facts.size(), from + perMessage)));
        }
        return new Cost("a lifecycle fact, " + perMessage + " per ledger message", facts.size(), THREADS.getCurrentThreadCpuTime() - start,
            processCpu() - process);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public Cost check(String sharedAddress, Instant now, String label) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        long start = THREADS.getCurrentThreadCpuTime();
        escalations.escalate(sharedMailbox, now, "benchmark");
        return new Cost(label, 1, THREADS.getCurrentThreadCpuTime() - start);
    }

    private SharedMailbox sharedMailbox(String address) throws Exception {
        return configuration.current().find(new MailAddress(address)).orElseThrow();
    }
}
