package com.teaminbox.james.audit;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MaybeSender;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.MessageHeaders;

/**
 * Audit events about a mail, naming the shared mailbox, the Message-ID, James's mail name and who
 * sent it (the authenticated member who submitted it, else the envelope sender). Receiving is the
 * sender's act; what our mailets decide about the mail (ticket, rules, acknowledgement, subject)
 * is the system's.
 */
public final class MailEvents {
    private MailEvents() {
    }

    /** A decision of ours about the mail. */
    public static AuditEvent.Builder about(AuditEventType type, Mail mail, SharedMailbox sharedMailbox) {
        return about(type, mail, sharedMailbox, messageId(mail));
    }

    /**
     * A decision of ours about the mail whose Message-ID header the caller already read (raw, as
     * {@code MimeMessage.getHeader} gives it): a mailet writing several records reads it once.
     */
    public static AuditEvent.Builder about(AuditEventType type, Mail mail, SharedMailbox sharedMailbox, Optional<String> messageId) {
        return event(type, AuditActor.system(), mail, sharedMailbox, messageId).detail("sender", sender(mail).name());
    }

    /** The mail's arrival, by its sender. */
    public static AuditEvent.Builder received(Mail mail, SharedMailbox sharedMailbox) {
        return event(AuditEventType.MAIL_RECEIVED, sender(mail), mail, sharedMailbox);
    }

    private static AuditEvent.Builder event(AuditEventType type, AuditActor actor, Mail mail, SharedMailbox sharedMailbox) {
        return event(type, actor, mail, sharedMailbox, messageId(mail));
    }

    /** {@code messageId} raw: stripped here. No lambda or method reference: this runs for every record of every mail. */
    private static AuditEvent.Builder event(AuditEventType type, AuditActor actor, Mail mail, SharedMailbox sharedMailbox,
                                            Optional<String> messageId) {
        AuditEvent.Builder event = AuditEvent.of(type, actor)
            .sharedMailbox(sharedMailbox.address().asString())
            .detail("mailId", mail.getName());
        if (messageId.isPresent()) {
            event.messageId(messageId.get().strip());
        }
        return event;
    }

    private static AuditActor sender(Mail mail) {
        Optional<String> member = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class);
        if (member.isPresent()) {
            return AuditActor.member(member.get());
        }
        MaybeSender sender = mail.getMaybeSender();
        return AuditActor.externalSender(sender.isNullSender() ? "" : sender.get().asString());
    }

    private static Optional<String> messageId(Mail mail) {
        try {
            return MessageHeaders.first(mail.getMessage(), "Message-ID");
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
