package com.teaminbox.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.ticket.KnownMessageIds;

/**
 * Built by {@link TicketRegistryProbe} with the extension's own bindings: fills a shared account's
 * INBOX with ticketed messages, and counts the CPU of finding the ticket of a reply that lost its tag
 * ({@link ConversationIndex#ticketOf}, what AssignTicket asks), two ways in one account:
 * <ul>
 *   <li>by key: messages remembered with their ticket, as the pipeline remembers them since 2026-12-07;</li>
 *   <li>by search: messages remembered without it (KnownMessageIds only, as until 2026-12-07), for
 *       which the index still searches the account: the cost every such reply had before.</li>
 * </ul>
 * Every reply names the customer's own earlier mail (never seen by the shared mailbox) and the
 * shared mailbox's message, as References and In-Reply-To do.
 */
public class ReplyThreadingMeter {
    /**
     * CPU used by {@code replies} look-ups in an account of {@code messages} messages: this thread's,
     * and the whole JVM's (James's search may run on reactor threads; JIT and GC count too).
     */
    public record Cost(String variant, int messages, int replies, long threadCpuNanos, long processCpuNanos) {
        public double threadMicrosPerReply() {
            return threadCpuNanos / 1_000.0 / replies;
        }

        public double processMicrosPerReply() {
            return processCpuNanos / 1_000.0 / replies;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ConversationIndex index;
    private final KnownMessageIds knownMessageIds;
    private final ConfigurationInForce configuration;
    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private int held;
    private int remembered;

    @Inject
    public ReplyThreadingMeter(ConversationIndex index, KnownMessageIds knownMessageIds, ConfigurationInForce configuration,
                               MailboxManager mailboxManager, SharedAccounts accounts) {
        this.index = index;
        this.knownMessageIds = knownMessageIds;
        this.configuration = configuration;
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
    }

    /**
     * Appends ticketed messages until INBOX holds {@code messages}: message {@code i} carries ticket
     * {@code i + 1}; even ones are remembered with it, odd ones by identifier only.
     */
    public void fill(String sharedAddress, int messages) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        MailboxSession session = mailboxManager.createSystemSession(accounts.username(sharedMailbox.address()));
        try {
            MessageManager inbox = mailboxManager.getMailbox(MailboxPath.inbox(session), session);
            for (; held < messages; held++) {
                TicketId ticket = TicketId.of(sharedMailbox.ticketPrefix(), held + 1);
                String message = "From: jane@customer.test\r\nTo: " + sharedAddress + "\r\nSubject: [" + ticket + "] Printer broken\r\n"
                    + "Message-ID: " + messageId(held) + "\r\nX-Ticket: " + ticket + "\r\n\r\nMy printer is broken.\r\n";
                inbox.appendMessage(MessageManager.AppendCommand.builder().build(message.getBytes(StandardCharsets.US_ASCII)), session);
                if (held % 2 == 0) {
                    index.remember(sharedMailbox, messageId(held), ticket);
                } else {
                    knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, sharedMailbox, messageId(held));
                }
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Replies to messages remembered with their ticket. */
    public Cost byKey(String sharedAddress, int replies) throws Exception {
        return measure(sharedAddress, replies, 0, "by key (since 2026-12-07)");
    }

    /** Replies to messages remembered without their ticket: the search every reply cost until 2026-12-07. */
    public Cost bySearch(String sharedAddress, int replies) throws Exception {
        return measure(sharedAddress, replies, 1, "search of the account (until 2026-12-07)");
    }

    /**
     * What each ticketed message costs to remember (AssignTicket and CopyToSharedSent, once per
     * message): with its ticket, as since 2026-12-07, or its identifier only, as until then.
     */
    public Cost remember(String sharedAddress, int messages, boolean withTicket) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        TicketId ticket = TicketId.of(sharedMailbox.ticketPrefix(), 1);
        long start = THREADS.getCurrentThreadCpuTime();
        long processStart = processCpu();
        for (int message = 0; message < messages; message++) {
            String messageId = "<remembered-" + remembered++ + "@customer.test>";
            if (withTicket) {
                index.remember(sharedMailbox, messageId, ticket);
            } else {
                knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, sharedMailbox, messageId);
            }
        }
        String variant = withTicket ? "remember a message with its ticket (since 2026-12-07)" : "remember its identifier only (until 2026-12-07)";
        return new Cost(variant, held, messages, THREADS.getCurrentThreadCpuTime() - start, processCpu() - processStart);
    }

    private Cost measure(String sharedAddress, int replies, int parity, String variant) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        long start = THREADS.getCurrentThreadCpuTime();
        long processStart = processCpu();
        for (int reply = 0; reply < replies; reply++) {
            // spread over the account, oldest to newest
            int target = (int) ((long) reply * held / replies) / 2 * 2 + parity;
            Optional<TicketId> found = index.ticketOf(sharedMailbox, List.of("<own-" + reply + "@customer.test>", messageId(target)));
            if (!found.equals(Optional.of(TicketId.of(sharedMailbox.ticketPrefix(), target + 1)))) {
                throw new IllegalStateException("Reply to message " + target + " found " + found);
            }
        }
        return new Cost(variant, held, replies, THREADS.getCurrentThreadCpuTime() - start, processCpu() - processStart);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String messageId(int message) {
        return "<question-" + message + "@customer.test>";
    }

    private SharedMailbox sharedMailbox(String address) throws Exception {
        return configuration.current().find(new MailAddress(address)).orElseThrow();
    }
}
