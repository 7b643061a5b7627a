package com.teaminbox.james.audit;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.MessageHeaders;

/**
 * Audit events about a mail: the actor is the authenticated member who submitted it, else its
 * envelope sender; the record names the shared mailbox, the Message-ID and James's mail name.
 */
public final class MailEvents {
    private MailEvents() {
    }

    public static AuditEvent.Builder about(AuditEventType type, Mail mail, SharedMailbox sharedMailbox) {
        AuditEvent.Builder event = AuditEvent.of(type, actor(mail))
            .sharedMailbox(sharedMailbox.address().asString())
            .detail("mailId", mail.getName());
        messageId(mail).ifPresent(event::messageId);
        return event;
    }

    public static AuditActor actor(Mail mail) {
        return AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class)
            .map(AuditActor::member)
            .orElseGet(() -> AuditActor.externalSender(mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse("")));
    }

    private static Optional<String> messageId(Mail mail) {
        try {
            return MessageHeaders.first(mail.getMessage(), "Message-ID").map(String::strip);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
