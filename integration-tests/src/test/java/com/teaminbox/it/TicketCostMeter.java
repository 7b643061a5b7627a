package com.teaminbox.it;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.ticket.KnownMessageIds;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

/**
 * Built by {@link TicketRegistryProbe} with the extension's own bindings: opens tickets through
 * the registry in force, or as the registry did until 2026-12-06 (an entry message appended to
 * the {@code Ticket Registry} folder per ticket, then the Message-ID remembered), and counts the
 * CPU each costs. The older way is kept here only to measure it in the same run.
 */
public class TicketCostMeter {
    /** CPU used by {@code tickets} new tickets: this thread's, and the whole JVM's (event listeners and the like included). */
    public record Cost(String variant, int tickets, long threadCpuNanos, long processCpuNanos) {
        public double threadMicrosPerTicket() {
            return threadCpuNanos / 1_000.0 / tickets;
        }

        public double processMicrosPerTicket() {
            return processCpuNanos / 1_000.0 / tickets;
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final TicketRegistry registry;
    private final ConfigurationInForce configuration;
    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final KnownMessageIds knownMessageIds;

    @Inject
    public TicketCostMeter(TicketRegistry registry, ConfigurationInForce configuration, MailboxManager mailboxManager,
                           SharedAccounts accounts, KnownMessageIds knownMessageIds) {
        this.registry = registry;
        this.configuration = configuration;
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.knownMessageIds = knownMessageIds;
    }

    public Cost openInForce(String sharedAddress, int tickets) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        long thread = THREADS.getCurrentThreadCpuTime();
        long process = processCpu();
        for (int i = 0; i < tickets; i++) {
            registry.open(sharedMailbox, "Printer broken " + i, Optional.of(messageId()));
        }
        return new Cost("counter + annotation (now)", tickets, THREADS.getCurrentThreadCpuTime() - thread, processCpu() - process);
    }

    public Cost openByAppending(String sharedAddress, int tickets) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(sharedAddress);
        long thread = THREADS.getCurrentThreadCpuTime();
        long process = processCpu();
        for (int i = 0; i < tickets; i++) {
            appendEntry(sharedMailbox, "Printer broken " + i, messageId());
        }
        return new Cost("entry message appended (until 2026-12-06)", tickets, THREADS.getCurrentThreadCpuTime() - thread,
            processCpu() - process);
    }

    /** How many messages the registry folder holds. */
    public int registryMessages(String sharedAddress) throws Exception {
        MailboxSession session = mailboxManager.createSystemSession(accounts.username(new MailAddress(sharedAddress)));
        try {
            MessageResultIterator results = mailboxManager.getMailbox(MailboxTicketRegistry.registryPath(session), session)
                .getMessages(MessageRange.all(), FetchGroup.MINIMAL, session);
            int count = 0;
            while (results.hasNext()) {
                results.next();
                count++;
            }
            return count;
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private void appendEntry(SharedMailbox sharedMailbox, String subject, String originMessageId) throws Exception {
        MailboxSession session = mailboxManager.createSystemSession(accounts.username(sharedMailbox.address()));
        try {
            MessageManager folder = mailboxManager.getMailbox(MailboxTicketRegistry.registryPath(session), session);
            MimeMessage entry = new MimeMessage(Session.getInstance(new Properties()));
            entry.setFrom(new InternetAddress(sharedMailbox.address().asString()));
            entry.setRecipients(Message.RecipientType.TO, sharedMailbox.address().asString());
            entry.setSubject(subject, StandardCharsets.UTF_8.name());
            entry.setSentDate(new Date());
            entry.setHeader(MailboxTicketRegistry.ORIGIN_MESSAGE_ID_HEADER, originMessageId);
            entry.setText("Ticket registry entry of " + sharedMailbox.address().asString()
                + ". The IMAP UID of this message is the ticket number.\r\n", StandardCharsets.UTF_8.name());
            entry.saveChanges();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            entry.writeTo(bytes);
            folder.appendMessage(MessageManager.AppendCommand.builder().withFlags(new Flags(Flags.Flag.SEEN)).build(bytes.toByteArray()),
                session);
            knownMessageIds.remember(KnownMessageIds.Fact.OPENED_TICKET, sharedMailbox, originMessageId);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private SharedMailbox sharedMailbox(String address) throws Exception {
        return configuration.current().find(new MailAddress(address)).orElseThrow();
    }

    private static String messageId() {
        return "<" + UUID.randomUUID() + "@customer.test>";
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
