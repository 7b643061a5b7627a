package com.teaminbox.james.audit;

import java.nio.charset.StandardCharsets;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;

/**
 * The mail an alert sends to the administrators of {@code <alerts to="...">}: machine-written
 * (RFC 3834 {@code Auto-Submitted: auto-generated}) with a null envelope sender, so that no
 * autoresponder answers and no bounce loops back.
 */
public class AlertMails {
    private static final Logger LOGGER = LoggerFactory.getLogger(AlertMails.class);
    private static final String SUBJECT_PREFIX = "[TeamInbox alert] ";

    private final MailetContext mailetContext;

    @Inject
    public AlertMails(MailetContext mailetContext) {
        this.mailetContext = mailetContext;
    }

    /** Sends {@code summary} to the configured administrators; a failure is logged, never thrown. */
    public void send(AuditSettings settings, String summary) {
        if (settings.alertRecipients().isEmpty()) {
            return;
        }
        try {
            MimeMessage message = new MimeMessage(MailSession.SHARED);
            message.setFrom(new InternetAddress(settings.alertRecipients().get(0).asString()));
            for (MailAddress recipient : settings.alertRecipients()) {
                message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient.asString()));
            }
            message.setSubject(TicketSubjects.singleLine(SUBJECT_PREFIX + summary), StandardCharsets.UTF_8.name());
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("X-Auto-Response-Suppress", "All");
            message.setText(summary + "\r\n\r\nSee the audit trail of this node (docs/audit.md) for the records.\r\n",
                StandardCharsets.UTF_8.name());
            message.saveChanges();
            mailetContext.sendMail(MailAddress.nullSender(), settings.alertRecipients(), message);
        } catch (MessagingException | RuntimeException e) {
            LOGGER.error("Could not send the alert mail '{}'", summary, e);
        }
    }
}
