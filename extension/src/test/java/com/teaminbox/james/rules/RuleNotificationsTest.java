package com.teaminbox.james.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.common.MailSession;

/**
 * A rule's notification is written as bytes, not built through javax.mail's object model: the mail
 * stored is byte for byte the one javax.mail built and saved before (headers, their order and
 * folding, the subject's encoded words, the body's transfer encoding), but for the values of
 * {@code Date} and {@code Message-ID}, which differ from mail to mail and keep their form.
 */
class RuleNotificationsTest {
    private static final String[] PIECES = {"Printer", "broken", "again", "Facture", "impayée", "état", "会議", "\uD83D\uDE00", "[SUP-3]",
        "Re:", "l'urgence", "=?utf-8?q?x?=", "\"quoted\"", "a,b;c", "tab\there", "(comment)", "x".repeat(90), "é".repeat(40), "\\", "%"};
    private static final String[] RULES = {"urgent", "billing", "règle-é", "spam", "r".repeat(120)};

    @Test
    void notificationShouldBeTheMailJavaxMailBuiltBefore() throws Exception {
        SharedMailbox support = ConfigurationFixture.configuration(ConfigurationFixture.support("", "")).current().sharedMailboxes().get(0);
        Random random = new Random(20261206);
        for (int index = 0; index < 400; index++) {
            StringBuilder subject = new StringBuilder();
            int words = random.nextInt(14);
            for (int word = 0; word < words; word++) {
                subject.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextInt(5) == 0 ? "  " : " ");
            }
            Optional<TicketId> ticket = random.nextBoolean() ? TicketId.parse("SUP-" + random.nextInt(5000), support.ticketPrefix()) : Optional.empty();
            RuleNotification notification = new RuleNotification(new MailAddress(random.nextBoolean() ? "dave@example.test" : "alice@example.test"),
                random.nextBoolean() ? RuleNotification.Kind.MATCHED : RuleNotification.Kind.ASSIGNED, RULES[random.nextInt(RULES.length)]);
            FakeMailContext context = FakeMailContext.defaultContext();
            new RuleNotifications().send(context, support, notification, ticket, subject.toString());
            assertThat(context.getSentMails()).hasSize(1);
            // The fake keeps a mail's null sender as none (James's spool: RuleNotificationsSpoolTest).
            assertThat(context.getSentMails().get(0).getSender()).isNull();
            assertThat(context.getSentMails().get(0).getState()).isEqualTo(Mail.DEFAULT);
            assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(notification.to());
            String sent = masked(context.getSentMails().get(0).getMsg());
            String before = masked(before(support, notification, ticket, subject.toString()));
            assertThat(sent).as("subject %s", subject).isEqualTo(before);
        }
    }

    /** What the notification was until 2026-12-06: built and saved by javax.mail. */
    private static MimeMessage before(SharedMailbox sharedMailbox, RuleNotification notification, Optional<TicketId> ticket, String subject)
        throws MessagingException {
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
        return message;
    }

    /** The mail as James stores it (written out), Date and Message-ID values replaced by their form. */
    private static String masked(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).containsPattern("(?m)^Date: \\w{3}, \\d{1,2} \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d [+-]\\d{4} \\(\\w+\\)\r\n");
        assertThat(text).containsPattern("(?m)^Message-ID: <-?\\d+\\.\\d+\\.\\d+@[^>\\s]+>\r\n");
        return text.replaceAll("(?m)^Date: [^\r\n]*", "Date: (date)").replaceAll("(?m)^Message-ID: [^\r\n]*", "Message-ID: (id)");
    }

    @Test
    void notificationShouldCarryTheseHeadersAndThisBody() throws Exception {
        SharedMailbox support = ConfigurationFixture.configuration(ConfigurationFixture.support("", "")).current().sharedMailboxes().get(0);
        FakeMailContext context = FakeMailContext.defaultContext();
        new RuleNotifications().send(context, support, new RuleNotification(new MailAddress("dave@example.test"), RuleNotification.Kind.MATCHED,
            "urgent"), TicketId.parse("SUP-12", support.ticketPrefix()), "Facture impayée");
        assertThat(masked(context.getSentMails().get(0).getMsg())).isEqualTo("""
            Date: (date)\r
            From: support@example.test\r
            To: dave@example.test\r
            Message-ID: (id)\r
            Subject: =?UTF-8?Q?[SUP-12]_Rule_matched:_Facture_impay=C3=A9e?=\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: quoted-printable\r
            Auto-Submitted: auto-generated\r
            X-Auto-Response-Suppress: All\r
            X-Ticket: SUP-12\r
            \r
            Rule matched by rule 'urgent' of support@example.test.\r
            Ticket: SUP-12\r
            Subject: Facture impay=C3=A9e\r
            """);
    }
}
