package com.teaminbox.james.mailets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.MessageIds;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.core.ticket.TicketThreading;
import com.teaminbox.james.audit.MailEvents;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.TicketHeader;

/**
 * Gives a mail for a shared mailbox its ticket, as {@link TicketThreading} decides: a known tag
 * keeps its ticket; a reply that lost its tag finds it through In-Reply-To/References and gets it
 * back; anything else opens a new ticket (idempotent by Message-ID). The ticket is written to the
 * subject (once), to an {@code X-Ticket} header for client-side filters, and to the
 * {@code teaminbox.ticket} attribute for the mailets after this one. A vague subject ("hi",
 * empty…) gets the triage keyword.
 * <pre>{@code
 * <mailet match="All" class="com.teaminbox.james.mailets.AssignTicket"/>
 * }</pre>
 * Expects one shared mailbox per mail: put {@link SplitPerSharedMailbox} before it.
 */
public class AssignTicket extends GenericMailet {
    public static final String TICKET_HEADER = TicketHeader.NAME;
    public static final AttributeName TICKET_ATTRIBUTE = AttributeName.of("teaminbox.ticket");
    /** True when this mail opened its ticket: {@link Acknowledge} answers only those. */
    public static final AttributeName NEW_TICKET_ATTRIBUTE = AttributeName.of("teaminbox.ticket.new");
    private static final Logger LOGGER = LoggerFactory.getLogger(AssignTicket.class);

    private final ConfigurationInForce configurationStore;
    private final TicketRegistry ticketRegistry;
    private final ConversationIndex conversationIndex;
    private final SharedAccounts accounts;
    private final AuditTrail auditTrail;

    @Inject
    public AssignTicket(ConfigurationInForce configurationStore, TicketRegistry ticketRegistry,
                        ConversationIndex conversationIndex, SharedAccounts accounts, AuditTrail auditTrail) {
        this.configurationStore = configurationStore;
        this.ticketRegistry = ticketRegistry;
        this.conversationIndex = conversationIndex;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
    }

    /** What to do lives in shared-mailboxes.xml (reloadable), not here: no parameter. */
    @Override
    public void init() throws MessagingException {
        MailetParameters.of(this, Set.of());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        serve(mail, MailView.of(mail));
    }

    /** This step on the view the parts of {@link ServeSharedMailbox} share; the headers it writes are marked changed there. */
    void serve(Mail mail, MailView view) throws MessagingException {
        Map<SharedMailbox, List<MailAddress>> groups = view.groups(configurationStore.current());
        if (groups.isEmpty()) {
            return;
        }
        if (groups.size() > 1) {
            throw new MessagingException("Mail " + mail.getName() + " is for " + groups.size()
                + " shared mailboxes; put SplitPerSharedMailbox before AssignTicket");
        }
        SharedMailbox sharedMailbox = groups.keySet().iterator().next();
        SubjectConventions conventions = sharedMailbox.subjectConventions();
        TicketThreading threading = conventions.threading(sharedMailbox.ticketPrefix());
        MimeMessage message = view.message();
        // Before the ticket: the registry entry names it, and a reprocessed copy carries the same one.
        Optional<String> messageId = Optional.of(ensureMessageId(view, message, sharedMailbox.address().getDomain().asString()));
        String subject = view.subject();

        TicketThreading.Decision decision = threading.decide(subject,
            ticket -> ticketRegistry.isIssued(sharedMailbox, ticket),
            () -> ticketOfConversation(sharedMailbox, view));
        TicketId ticket = decision.ticket().isPresent() ? decision.ticket().get() : ticketRegistry.open(sharedMailbox, subject, messageId);
        boolean newTicket = decision.reason() == TicketThreading.Reason.NEW_TICKET;
        // Written once: the record, the header, the attribute and the log context all carry it.
        String ticketText = ticket.toString();
        // Recorded before the mail changes: under on-failure="defer" an unrecorded ticket goes to the
        // error repository, and reprocessing gets the same number (the registry knows its Message-ID).
        auditTrail.record(MailEvents.about(newTicket ? AuditEventType.TICKET_CREATED : AuditEventType.TICKET_THREADED, mail, sharedMailbox,
                messageId)
            .ticket(ticketText)
            .decision(newTicket ? "created" : "threaded")
            .reason(decision.toString())
            // the customer's subject, bounded by the trail: what a webhook's summary shows
            .detail("subject", subject)
            .build());
        String ticketSubject = threading.subjectFor(decision, ticket);
        if (!ticketSubject.equals(subject)) {
            MessageHeaders.setSubject(message, ticketSubject);
            view.subjectWritten(ticketSubject);
        }
        // setHeader replaces any X-Ticket the sender wrote: only ours may stand.
        message.setHeader(TICKET_HEADER, ticketText);
        view.headerChanged(TICKET_HEADER);
        MessageHeaders.saveHeaderChanges(message, mail.getName());
        conversationIndex.remember(sharedMailbox, messageId.get(), ticket);
        mail.setAttribute(new Attribute(TICKET_ATTRIBUTE, AttributeValue.of(ticketText)));
        mail.setAttribute(new Attribute(NEW_TICKET_ATTRIBUTE, AttributeValue.of(newTicket)));
        boolean vague = conventions.vagueSubjects().isVague(ticketSubject, conventions.tagFormat(), sharedMailbox.ticketPrefix());
        if (vague) {
            for (MailAddress recipient : groups.get(sharedMailbox)) {
                Keywords.add(mail, accounts.username(recipient), conventions.vagueSubjects().keyword());
            }
        }
        if (!LOGGER.isDebugEnabled()) {
            // Three MDC puts and removes per mail (logback copies the map on a write after a read) for a line nobody logs.
            return;
        }
        try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", sharedMailbox.address().asString());
             MDC.MDCCloseable ticketId = MDC.putCloseable("ticket", ticketText);
             MDC.MDCCloseable mailId = MDC.putCloseable("mailId", mail.getName())) {
            LOGGER.debug("Ticket {} for {}: {}{}", ticket, sharedMailbox.address().asString(), decision,
                vague ? ", vague subject flagged " + conventions.vagueSubjects().keyword() : "");
        }
    }

    /**
     * The ticket of the conversation the mail replies to. A mail naming no earlier message (no
     * In-Reply-To, no References: most new mail) is no reply, and the index is not asked: its
     * answer for no identifier is "none", after building the identifiers' set and stream (issue 18).
     */
    private Optional<TicketId> ticketOfConversation(SharedMailbox sharedMailbox, MailView view) {
        Optional<String> inReplyTo;
        Optional<String> references;
        try {
            inReplyTo = view.header("In-Reply-To");
            references = view.header("References");
        } catch (MessagingException e) {
            // As MessageHeaders.first: a header that cannot be read is no header.
            return Optional.empty();
        }
        if (inReplyTo.isEmpty() && references.isEmpty()) {
            return Optional.empty();
        }
        return conversationIndex.ticketOf(sharedMailbox, MessageIds.referencedBy(inReplyTo, references));
    }

    /** As {@link MessageHeaders#ensureMessageId}, the existing Message-ID read through the view. */
    private static String ensureMessageId(MailView view, MimeMessage message, String domain) throws MessagingException {
        Optional<String> existing = view.header("Message-ID");
        if (existing.isPresent() && !existing.get().isBlank()) {
            return existing.get();
        }
        String generated = MessageHeaders.ensureMessageId(message, domain);
        view.headerChanged("Message-ID");
        return generated;
    }

    @Override
    public String getMailetInfo() {
        return "Ticket tags for shared mailboxes";
    }
}
