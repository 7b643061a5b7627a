package com.teaminbox.james.rules;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.MailSession;

/**
 * The short mails rules send: "assigned to you" for an assignee, "a mail matched" for a notify
 * address. Machine-written (RFC 3834 {@code Auto-Submitted: auto-generated}) with a null
 * envelope sender, so that no autoresponder ever answers them.
 */
public class RuleNotifications {

    @Inject
    public RuleNotifications() {
    }

    public void send(MailetContext context, SharedMailbox sharedMailbox, MailAddress to, String what, Rule rule,
                     String ticket, String subject) throws MessagingException {
        MimeMessage message = new MimeMessage(MailSession.SHARED);
        message.setFrom(new InternetAddress(sharedMailbox.address().asString()));
        message.setRecipients(Message.RecipientType.TO, to.asString());
        message.setSubject(TicketSubjects.singleLine("[" + ticket + "] " + what + ": " + subject), StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("X-Ticket", ticket);
        message.setText(what + " by rule '" + rule.name() + "' of " + sharedMailbox.address().asString() + ".\r\n"
            + "Ticket: " + ticket + "\r\nSubject: " + TicketSubjects.singleLine(subject) + "\r\n", StandardCharsets.UTF_8.name());
        message.saveChanges();
        context.sendMail(MailAddress.nullSender(), List.of(to), message);
    }
}
