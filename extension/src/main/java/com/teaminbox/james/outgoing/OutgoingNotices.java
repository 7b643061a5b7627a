package com.teaminbox.james.outgoing;

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
import com.teaminbox.james.common.MailSession;

/**
 * The short mails outgoing care sends a member: "your mail is held for review", "someone else
 * replied on the ticket you answered". Machine-written (RFC 3834 {@code Auto-Submitted:
 * auto-generated}) from the null sender; they never quote the mail's text, which may hold the data.
 */
public class OutgoingNotices {
    private final MailetContext mailetContext;

    @Inject
    public OutgoingNotices(MailetContext mailetContext) {
        this.mailetContext = mailetContext;
    }

    public void send(SharedMailbox sharedMailbox, MailAddress to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(MailSession.SHARED);
        message.setFrom(new InternetAddress(sharedMailbox.address().asString()));
        message.setRecipients(Message.RecipientType.TO, to.asString());
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setText(text, StandardCharsets.UTF_8.name());
        message.saveChanges();
        mailetContext.sendMail(MailAddress.nullSender(), List.of(to), message);
    }
}
