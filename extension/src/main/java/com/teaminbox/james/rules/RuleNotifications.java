package com.teaminbox.james.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;

/**
 * The short mails rules send: "assigned to you" for an assignee, "rule matched" for a notify
 * address. Machine-written (RFC 3834 {@code Auto-Submitted: auto-generated}) with a null
 * envelope sender, so that no autoresponder ever answers them.
 */
public class RuleNotifications {

    @Inject
    public RuleNotifications() {
    }

    /**
     * Sends one notification about a mail whose (decoded) subject is {@code subject}; the ticket's tag
     * appears once in the notification's subject, whatever the mail's subject carries.
     */
    public void send(MailetContext context, SharedMailbox sharedMailbox, RuleNotification notification,
                     Optional<TicketId> ticket, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(MailSession.SHARED);
        message.setFrom(new InternetAddress(sharedMailbox.address().asString()));
        message.setRecipients(Message.RecipientType.TO, notification.to().asString());
        message.setSubject(TicketSubjects.singleLine(notification.subject(subject, sharedMailbox.ticketPrefix(), ticket,
            sharedMailbox.subjectConventions().tagFormat())), StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        if (ticket.isPresent()) {
            message.setHeader("X-Ticket", ticket.get().toString());
        }
        message.setText(notification.kind().words() + " by rule '" + notification.rule() + "' of " + sharedMailbox.address().asString() + ".\r\n"
            + ticket.map(id -> "Ticket: " + id + "\r\n").orElse("")
            + "Subject: " + TicketSubjects.singleLine(subject) + "\r\n", StandardCharsets.UTF_8.name());
        message.saveChanges();
        context.sendMail(MailAddress.nullSender(), List.of(notification.to()), message);
    }
}
