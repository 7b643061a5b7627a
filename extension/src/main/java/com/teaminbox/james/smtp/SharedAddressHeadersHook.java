package com.teaminbox.james.smtp;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.sending.AuthorHeaders;
import com.teaminbox.core.sending.SendDecision;
import com.teaminbox.core.sending.SendRules;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.HeaderAddresses;
import com.teaminbox.james.common.MessageHeaders;

/**
 * Checks the author headers ({@code From:}, {@code Sender:}, {@code Resent-From:}, {@code Resent-Sender:}) against the member's role (see
 * {@link SendRules}) at the end of DATA, and answers {@code 550 5.7.1} before the mail is queued
 * when the role does not allow them. For the submission server's handler chain, before
 * {@code CoreCmdHandlerLoader} (whose {@code SendMailHandler} queues the mail):
 * <pre>{@code
 * <handler class="com.teaminbox.james.smtp.SharedAddressHeadersHook"/>
 * }</pre>
 *
 * <p>An accepted mail is answered DECLINED, never OK: an OK from a message hook ends the chain
 * before {@code SendMailHandler}, and the mail would never be queued.
 */
public class SharedAddressHeadersHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedAddressHeadersHook.class);

    private final ConfigurationInForce configurationStore;
    private final SmtpAudit audit;

    @Inject
    public SharedAddressHeadersHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.configurationStore = configurationStore;
        this.audit = audit;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        // what a refused earlier mail of this session left is not this mail's
        PendingAcceptance.take(session);
        Optional<MailAddress> member = SmtpRefusals.authenticatedMember(session);
        AuthorHeaders authors;
        try {
            MimeMessage message = mail.getMessage();
            authors = new AuthorHeaders(HeaderAddresses.of(message, "From"), HeaderAddresses.of(message, "Sender"),
                HeaderAddresses.of(message, "Resent-From"), HeaderAddresses.of(message, "Resent-Sender"));
        } catch (MessagingException e) {
            // Unreadable headers could hide a shared address: refuse rather than guess.
            LOGGER.info("Refused mail {} from {}: unreadable author headers ({})", mail.getName(), SmtpRefusals.describe(member), e.getMessage());
            return SmtpRefusals.refusal("the From:, Sender:, Resent-From: or Resent-Sender: header cannot be read ("
                + e.getMessage() + ")");
        }
        SendDecision decision = new SendRules(configurationStore.current()).headers(member, authors);
        Optional<MailAddress> sharedAddress = sharedAddress(decision, mail, authors);
        if (sharedAddress.isEmpty()) {
            return HookResult.DECLINED;
        }
        LOGGER.debug("From: {} Sender: {} Resent-From: {} Resent-Sender: {} by {}: {}", authors.from(), authors.sender(),
            authors.resentFrom(), authors.resentSender(), SmtpRefusals.describe(member), decision);
        AuditEvent.Builder event = AuditEvent.of(decision.isRefused() ? AuditEventType.SEND_REFUSED : AuditEventType.SEND_ACCEPTED,
                SmtpAudit.actor(member))
            .sharedMailbox(sharedAddress.get().asString())
            .messageId(messageId(mail))
            .detail("stage", "DATA")
            .detail("from", authors.from().toString())
            .detail("recipients", mail.getRecipients().size());
        if (!authors.resentFrom().isEmpty()) {
            event.detail("resentFrom", authors.resentFrom().toString());
        }
        // the ticket tag in it makes this a member's reply to that ticket (a webhook's ticket.member-replied)
        subject(mail).ifPresent(subject -> event.detail("subject", subject));
        // The ticket the reply is about, from its subject's tag: response times are measured per ticket (docs/sla.md).
        configurationStore.current().find(sharedAddress.get())
            .flatMap(sharedMailbox -> ticketOf(mail, sharedMailbox))
            .ifPresent(ticket -> event.ticket(ticket.toString()));
        decision.reason().ifPresent(event::reason);
        if (decision.isRefused()) {
            audit.refusal(event.decision("refused").build());
            return SmtpRefusals.refusal(decision);
        }
        // written by ReceivedMailAuditHook once the later checks have passed too: see PendingAcceptance
        PendingAcceptance.hold(session, event.decision("accepted").build());
        return HookResult.DECLINED;
    }

    /** The shared address the mail is sent as: in an author header, else the envelope sender's (checked at MAIL FROM). */
    private Optional<MailAddress> sharedAddress(SendDecision decision, Mail mail, AuthorHeaders authors) {
        SharedMailboxesConfiguration configuration = configurationStore.current();
        if (decision.outcome() != SendDecision.Outcome.NO_SHARED_ADDRESS) {
            return authors.all().filter(configuration::isSharedMailbox).findFirst()
                .or(() -> mail.getMaybeSender().asOptional().filter(configuration::isSharedMailbox));
        }
        return mail.getMaybeSender().asOptional().filter(configuration::isSharedMailbox);
    }

    private static Optional<String> subject(Mail mail) {
        try {
            return Optional.of(MessageHeaders.subject(mail.getMessage())).filter(subject -> !subject.isBlank());
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static Optional<TicketId> ticketOf(Mail mail, SharedMailbox sharedMailbox) {
        try {
            return sharedMailbox.subjectConventions().tagFormat()
                .findAll(MessageHeaders.subject(mail.getMessage()), sharedMailbox.ticketPrefix()).stream().findFirst();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> messageId(Mail mail) {
        try {
            return MessageHeaders.first(mail.getMessage(), "Message-ID").map(String::strip);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
