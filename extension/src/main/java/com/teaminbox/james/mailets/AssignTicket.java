package com.teaminbox.james.mailets;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketRegistry;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * Gives a mail for a shared mailbox its ticket: a subject that already carries this mailbox's
 * tag keeps it; any other mail opens a new ticket and gets the tag put in front of its subject.
 * The ticket is also written to an {@code X-Ticket} header (for client-side filters) and to the
 * {@code teaminbox.ticket} mail attribute (for the mailets after this one).
 * <pre>{@code
 * <mailet match="All" class="com.teaminbox.james.mailets.AssignTicket"/>
 * }</pre>
 * Expects one shared mailbox per mail: put {@link SplitPerSharedMailbox} before it.
 */
public class AssignTicket extends GenericMailet {
    public static final String TICKET_HEADER = "X-Ticket";
    public static final AttributeName TICKET_ATTRIBUTE = AttributeName.of("teaminbox.ticket");
    private static final Logger LOGGER = LoggerFactory.getLogger(AssignTicket.class);

    private final SharedMailboxesConfigurationStore configurationStore;
    private final TicketRegistry ticketRegistry;

    @Inject
    public AssignTicket(SharedMailboxesConfigurationStore configurationStore, TicketRegistry ticketRegistry) {
        this.configurationStore = configurationStore;
        this.ticketRegistry = ticketRegistry;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Map<SharedMailbox, List<MailAddress>> groups =
            SharedMailboxRecipients.group(configurationStore.current(), mail.getRecipients());
        if (groups.isEmpty()) {
            return;
        }
        if (groups.size() > 1) {
            throw new MessagingException("Mail " + mail.getName() + " is for " + groups.size()
                + " shared mailboxes; put SplitPerSharedMailbox before AssignTicket");
        }
        SharedMailbox sharedMailbox = groups.keySet().iterator().next();
        MimeMessage message = mail.getMessage();
        String subject = readSubject(message);
        Optional<TicketId> existing = TicketSubjects.findTicket(subject, sharedMailbox.ticketPrefix());
        TicketId ticket = existing.orElseGet(() -> ticketRegistry.open(sharedMailbox, subject, messageId(message)));
        if (existing.isEmpty()) {
            message.setSubject(TicketSubjects.withTag(subject, ticket), StandardCharsets.UTF_8.name());
        }
        // setHeader replaces any X-Ticket the sender wrote: only ours may stand.
        message.setHeader(TICKET_HEADER, ticket.toString());
        message.saveChanges();
        mail.setAttribute(new Attribute(TICKET_ATTRIBUTE, AttributeValue.of(ticket.toString())));
        try (MDC.MDCCloseable mailbox = MDC.putCloseable("sharedMailbox", sharedMailbox.address().asString());
             MDC.MDCCloseable ticketId = MDC.putCloseable("ticket", ticket.toString());
             MDC.MDCCloseable mailId = MDC.putCloseable("mailId", mail.getName())) {
            LOGGER.info("{} ticket {} for {}", existing.isPresent() ? "Kept" : "Opened", ticket, sharedMailbox.address().asString());
        }
    }

    /** The decoded subject; a header javax.mail cannot decode is kept as raw text rather than failing the mail. */
    private static String readSubject(MimeMessage message) throws MessagingException {
        try {
            return Optional.ofNullable(message.getSubject()).orElse("");
        } catch (MessagingException | RuntimeException e) {
            return Optional.ofNullable(message.getHeader("Subject", null)).orElse("");
        }
    }

    private static Optional<String> messageId(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getMessageID());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "Ticket tags for shared mailboxes";
    }
}
