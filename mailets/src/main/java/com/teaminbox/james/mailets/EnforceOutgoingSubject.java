package com.teaminbox.james.mailets;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.MessageIds;
import com.teaminbox.core.ticket.OutgoingConvention;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.audit.MailEvents;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedSenders;

/**
 * Applies a shared mailbox's subject convention to mail its members send as it.
 * <ul>
 *   <li>A subject with the mailbox's ticket tag gets the {@code X-Ticket} header, so that the
 *       reply, its Sent copy and the customer's answer all belong to the ticket.</li>
 *   <li>{@code fix}: a subject without the tag gets it — the ticket of the conversation
 *       (In-Reply-To/References), or a new ticket when the member starts one.</li>
 *   <li>{@code flag}: the mail goes out unchanged, marked {@value #CONVENTION_HEADER}: violated (or the
 *       header the optional {@code header} parameter names, for recipients' filters), and logged.</li>
 *   <li>{@code reject} is enforced in the SMTP dialogue by {@code OutgoingSubjectHook}; mail that
 *       reaches this mailet another way is flagged, since it can no longer be refused.</li>
 * </ul>
 * <pre>{@code
 * <!-- transport processor, before routing -->
 * <mailet match="SMTPAuthSuccessful" class="com.teaminbox.james.mailets.EnforceOutgoingSubject"/>
 * <!-- or, naming the mark -->
 * <mailet match="SMTPAuthSuccessful" class="com.teaminbox.james.mailets.EnforceOutgoingSubject">
 *   <header>X-Acme-Subject-Check</header>
 * </mailet>
 * }</pre>
 */
public class EnforceOutgoingSubject extends GenericMailet {
    public static final String CONVENTION_HEADER = "X-Subject-Convention";
    static final String HEADER = "header";
    /** RFC 5322 section 3.6.8: a field name is printable US-ASCII except the colon. */
    private static final Pattern FIELD_NAME = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]{1,76}");
    private static final Logger LOGGER = LoggerFactory.getLogger(EnforceOutgoingSubject.class);

    private final ConfigurationInForce configurationStore;
    private final TicketRegistry ticketRegistry;
    private final ConversationIndex conversationIndex;
    private final AuditTrail auditTrail;
    private String conventionHeader = CONVENTION_HEADER;

    @Inject
    public EnforceOutgoingSubject(ConfigurationInForce configurationStore, TicketRegistry ticketRegistry,
                                  ConversationIndex conversationIndex, AuditTrail auditTrail) {
        this.configurationStore = configurationStore;
        this.ticketRegistry = ticketRegistry;
        this.conversationIndex = conversationIndex;
        this.auditTrail = auditTrail;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters parameters = MailetParameters.of(this, Set.of(HEADER));
        String header = getInitParameter(HEADER);
        if (header != null && !FIELD_NAME.matcher(header.strip()).matches()) {
            throw parameters.refused(HEADER, header, "a header field name (RFC 5322: printable ASCII, no colon or space)");
        }
        conventionHeader = parameters.optional(HEADER).orElse(CONVENTION_HEADER);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Optional<SharedMailbox> sender = SharedSenders.fromHeader(configurationStore.current(), message);
        if (sender.isEmpty()) {
            return;
        }
        SharedMailbox sharedMailbox = sender.get();
        MessageHeaders.ensureMessageId(message, sharedMailbox.address().getDomain().asString());
        SubjectConventions conventions = sharedMailbox.subjectConventions();
        String subject = MessageHeaders.subject(message);
        Optional<TicketId> tagged = conventions.tagFormat().findAll(subject, sharedMailbox.ticketPrefix()).stream().findFirst();
        Optional<OutgoingConvention> convention = conventions.outgoing();
        if (tagged.isPresent()) {
            markTicket(message, tagged.get());
        } else if (convention.isPresent() && !convention.get().conforms(subject, conventions.tagFormat(), sharedMailbox.ticketPrefix())) {
            applyMode(mail, message, sharedMailbox, convention.get(), subject);
        }
        MessageHeaders.saveHeaderChanges(message, mail.getName());
    }

    private void applyMode(Mail mail, MimeMessage message, SharedMailbox sharedMailbox, OutgoingConvention convention,
                           String subject) throws MessagingException {
        SubjectConventions conventions = sharedMailbox.subjectConventions();
        if (convention.mode() == OutgoingConvention.Mode.FIX) {
            TicketId ticket = conversationIndex.ticketOf(sharedMailbox, MessageIds.referencedBy(
                    MessageHeaders.first(message, "In-Reply-To"), MessageHeaders.first(message, "References")))
                .orElseGet(() -> ticketRegistry.open(sharedMailbox, subject, MessageHeaders.first(message, "Message-ID")));
            message.setSubject(TicketSubjects.withTag(subject, conventions.tagFormat().tag(ticket)), StandardCharsets.UTF_8.name());
            markTicket(message, ticket);
            auditTrail.record(MailEvents.about(AuditEventType.SUBJECT_FIXED, mail, sharedMailbox).ticket(ticket.toString())
                .decision("fixed").reason("subject had no ticket tag").build());
            LOGGER.debug("Fixed subject of mail {} sent as {}: ticket {}", mail.getName(), sharedMailbox.address().asString(), ticket);
            return;
        }
        auditTrail.record(MailEvents.about(AuditEventType.SUBJECT_FLAGGED, mail, sharedMailbox)
            .decision("flagged").reason("subject breaks the convention (" + convention.mode().xmlName() + " mode)").build());
        message.setHeader(conventionHeader, "violated; expected: "
            + convention.expectedFormat(conventions.tagFormat(), sharedMailbox.ticketPrefix()));
        LOGGER.debug("Flagged mail {} sent as {}: subject breaks the convention ({} mode)", mail.getName(),
            sharedMailbox.address().asString(), convention.mode().xmlName());
    }

    private static void markTicket(MimeMessage message, TicketId ticket) throws MessagingException {
        message.setHeader(AssignTicket.TICKET_HEADER, ticket.toString());
    }

    @Override
    public String getMailetInfo() {
        return "Subject conventions on mail sent as a shared mailbox";
    }
}
