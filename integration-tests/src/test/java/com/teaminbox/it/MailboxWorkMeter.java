package com.teaminbox.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.LedgerEntries;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.core.sla.facts.TicketFacts;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.sla.KeywordCarriers;
import com.teaminbox.james.sla.SlaLedger;
import com.teaminbox.james.sla.TicketMessages;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

/**
 * Built by {@link TicketRegistryProbe} with the extension's own bindings: the mailbox-layer work the
 * SLA listener asks per mail in (b), CPU of this thread, of the whole JVM and of each kind of thread
 * (James's mailbox pools run an append's storage and listeners): a customer's reply on a ticket when
 * no message of the account carries {@code $Resolved} or {@code $Pending} (the usual case), as
 * {@link TicketMessages} asks it now (the folders listed by name only) and as it asked until
 * 2026-12-06 (ccd2562: listed with their counters); an SLA ledger message.
 */
public class MailboxWorkMeter {
    /** CPU for {@code operations} operations: of this thread, of the whole JVM, and by kind of thread (its name without the number). */
    public record Cost(String what, int operations, long threadCpuNanos, long processCpuNanos, Map<String, Long> byThreadKind) {
        public double threadMicrosEach() {
            return threadCpuNanos / 1_000.0 / operations;
        }

        public double processMicrosEach() {
            return processCpuNanos / 1_000.0 / operations;
        }

        /** The kinds of thread that used more than {@code minMicros} each, busiest first, e.g. "boundedElastic 210, main 140". */
        public String busiestThreads(double minMicros) {
            return byThreadKind.entrySet().stream()
                .filter(entry -> entry.getValue() / 1_000.0 / operations >= minMicros)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> String.format("%s %.0f", entry.getKey(), entry.getValue() / 1_000.0 / operations))
                .collect(Collectors.joining(", "));
        }
    }

    /** CPU of every live thread, by kind, from a start. */
    private static final class Meter {
        private final long thread = THREADS.getCurrentThreadCpuTime();
        private final long process = processCpu();
        private final Map<Long, Long> startByThread = cpuByThread();

        Cost stop(String what, int operations) {
            long threadNow = THREADS.getCurrentThreadCpuTime();
            long processNow = processCpu();
            Map<String, Long> byKind = new TreeMap<>();
            for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu < 0) {
                    continue;
                }
                String kind = info.getThreadName().replaceAll("[-#]?\\d+$", "");
                byKind.merge(kind, cpu - startByThread.getOrDefault(info.getThreadId(), 0L), Long::sum);
            }
            return new Cost(what, operations, threadNow - thread, processNow - process, byKind);
        }

        private static Map<Long, Long> cpuByThread() {
            Map<Long, Long> cpu = new HashMap<>();
            for (long id : THREADS.getAllThreadIds()) {
                cpu.put(id, THREADS.getThreadCpuTime(id));
            }
            return cpu;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Set<String> WANTED = Set.of(TicketFacts.RESOLVED_KEYWORD, TicketFacts.PENDING_KEYWORD);

    private final ConfigurationInForce configuration;
    private final TicketMessages messages;
    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final KeywordCarriers carriers;
    private final SlaLedger ledger;

    @Inject
    public MailboxWorkMeter(ConfigurationInForce configuration, TicketMessages messages, MailboxManager mailboxManager,
                                  SharedAccounts accounts, KeywordCarriers carriers, SlaLedger ledger) {
        this.configuration = configuration;
        this.messages = messages;
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.carriers = carriers;
        this.ledger = ledger;
    }

    /** {@code replies} replies on {@code ticket} as the server asks them. */
    public Cost inForce(String sharedAddress, String ticket, int replies) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        Meter meter = new Meter();
        for (int i = 0; i < replies; i++) {
            if (!messages.keywordsAmong(sharedMailbox, ticket, WANTED).isEmpty()) {
                throw new IllegalStateException("The benchmark's ticket carries a keyword");
            }
        }
        return meter.stop("a customer's reply, folders listed by name (now)", replies);
    }

    /**
     * {@code replies} replies as asked until 2026-12-06 (before ccd2562): the folders listed with James's
     * two-argument search, which also counts each folder's messages and unseen ones.
     */
    public Cost countingFolders(String sharedAddress, int replies) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        Username owner = accounts.username(sharedMailbox.address());
        Meter meter = new Meter();
        for (int i = 0; i < replies; i++) {
            MailboxSession session = mailboxManager.createSystemSession(owner);
            try {
                MailboxPath registry = MailboxTicketRegistry.registryPath(session);
                MailboxPath ledger = SlaLedger.ledgerPath(session);
                MailboxQuery everyFolder = MailboxQuery.privateMailboxesBuilder(session).matchesAllMailboxNames().build();
                List<MailboxPath> paths = mailboxManager.search(everyFolder, session)
                    .map(MailboxMetaData::getPath)
                    .collectList()
                    .block();
                for (MailboxPath path : paths) {
                    if (path.equals(registry) || path.equals(ledger)) {
                        continue;
                    }
                    MessageManager folder = mailboxManager.getMailbox(path, session);
                    Optional<Set<MessageUid>> candidates = carriers.candidates(folder, session);
                    if (candidates.isEmpty() || !candidates.get().isEmpty()) {
                        throw new IllegalStateException("The benchmark's folders carry a keyword");
                    }
                }
            } finally {
                mailboxManager.endProcessingRequest(session);
            }
        }
        return meter.stop("a customer's reply, folders listed with their counters (until ccd2562)", replies);
    }

    /**
     * {@code messages} ledger messages of {@code factsEach} facts (opened), as the SLA listener writes
     * one per 50 ms of facts under load: what one costs the JVM's threads.
     */
    public Cost ledgerMessages(String sharedAddress, int first, int messages, int factsEach) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        List<List<TicketFact>> batches = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            List<TicketFact> facts = new ArrayList<>();
            for (int f = 0; f < factsEach; f++) {
                String ticket = sharedMailbox.ticketPrefix().value() + "-" + (first + m * factsEach + f);
                facts.add(TicketFact.of(ticket, TicketFact.Kind.OPENED, Instant.now(), "jane@customer.test"));
            }
            batches.add(facts);
        }
        Meter meter = new Meter();
        for (List<TicketFact> facts : batches) {
            ledger.record(sharedMailbox, facts);
        }
        return meter.stop("an SLA ledger entry of " + factsEach + " facts, an annotation (now)", messages);
    }

    /**
     * The same facts as {@link #ledgerMessages}, each batch appended as the ledger wrote it until
     * 2026-12-07: a message of the ledger folder, one {@code X-Sla-Entry} header per fact, \Seen.
     */
    public Cost ledgerMessagesAppended(String sharedAddress, int first, int messages, int factsEach) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        List<byte[]> batches = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            StringBuilder entry = new StringBuilder("Date: Mon, 7 Dec 2026 09:00:00 +0000\r\nFrom: " + sharedAddress + "\r\nTo: " + sharedAddress
                + "\r\nMessage-ID: <" + UUID.randomUUID() + ".sla-ledger@example.test>\r\nSubject: " + factsEach + " facts\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 7bit\r\n");
            for (int f = 0; f < factsEach; f++) {
                String ticket = sharedMailbox.ticketPrefix().value() + "-" + (first + m * factsEach + f);
                entry.append(LedgerEntries.HEADER).append(": ")
                    .append(LedgerEntries.write(TicketFact.of(ticket, TicketFact.Kind.OPENED, Instant.now(), "jane@customer.test"))).append("\r\n");
            }
            entry.append("\r\nSLA ledger entry of ").append(sharedAddress).append(" (docs/sla.md).\r\n");
            batches.add(entry.toString().getBytes(StandardCharsets.US_ASCII));
        }
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            Meter meter = new Meter();
            for (byte[] entry : batches) {
                MessageManager ledgerFolder = mailboxManager.getMailbox(SlaLedger.ledgerPath(session), session);
                ledgerFolder.appendMessage(MessageManager.AppendCommand.builder().withFlags(new Flags(Flags.Flag.SEEN)).build(entry), session);
            }
            return meter.stop("an SLA ledger message of " + factsEach + " facts, appended (until 2026-12-07)", messages);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Appends {@code count} small messages to the shared account's {@code folder}, as the mails of a steady run fill it. */
    public void fill(String sharedAddress, String folder, int count) throws Exception {
        Username owner = accounts.username(sharedMailbox(sharedAddress).address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager mailbox = mailboxManager.getMailbox(MailboxPath.forUser(owner, folder), session);
            for (int i = 0; i < count; i++) {
                byte[] message = ("From: jane@customer.test\r\nTo: " + sharedAddress + "\r\nSubject: [SUP-" + (500_000 + i) + "] Order " + i
                    + "\r\nMessage-ID: <fill-" + i + "@customer.test>\r\nX-Ticket: SUP-" + (500_000 + i) + "\r\n\r\nHello.\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
                mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session);
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private SharedMailbox sharedMailbox(String address) throws Exception {
        return configuration.current().find(new MailAddress(address)).orElseThrow();
    }
}
