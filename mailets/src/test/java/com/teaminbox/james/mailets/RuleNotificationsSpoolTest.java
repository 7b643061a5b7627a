package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.rules.RuleNotifications;

/** A rule's notification in James's own spool: the root processor, from the null sender, to the notified address only. */
class RuleNotificationsSpoolTest {
    private final SharedMailbox support = ConfigurationFixture.configuration(ConfigurationFixture.support("", "")).current().sharedMailboxes().get(0);
    private final RuleNotification notification = new RuleNotification(mailAddress("dave@example.test"), RuleNotification.Kind.MATCHED, "urgent");

    @Test
    void notificationShouldBeSpooledToTheRootProcessorFromTheNullSender() throws Exception {
        SpoolForTests james = new SpoolForTests();
        new RuleNotifications().send(james.context, support, notification, TicketId.parse("SUP-12", support.ticketPrefix()), "Facture impayée");

        Mail spooled = james.spool.getLastMail();
        assertThat(spooled.getState()).isEqualTo(Mail.DEFAULT);
        assertThat(spooled.getMaybeSender().isNullSender()).isTrue();
        assertThat(spooled.getRecipients()).containsExactly(notification.to());
        assertThat(spooled.getAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE.getName())).isPresent();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        spooled.getMessage().writeTo(written);
        assertThat(written.toString(StandardCharsets.UTF_8))
            .contains("To: dave@example.test\r\n")
            .contains("Subject: =?UTF-8?Q?[SUP-12]_Rule_matched:_Facture_impay=C3=A9e?=\r\n")
            .endsWith("\r\n\r\nRule matched by rule 'urgent' of support@example.test.\r\nTicket: SUP-12\r\nSubject: Facture impay=C3=A9e\r\n");
    }

    @Test
    void notificationShouldBeHandedToJamesAsItsBytesNotAsAMessageToCopy() throws Exception {
        List<String> handed = new ArrayList<>();
        MailetContext context = mock(MailetContext.class);
        doAnswer(invocation -> {
            Mail mail = invocation.getArgument(0);
            handed.add(mail.getMessage() instanceof MimeMessageWrapper wrapper && wrapper.getSourceId().equals(mail.getName())
                ? "its own bytes" : mail.getMessage().getClass().getName());
            return null;
        }).when(context).sendMail(any(Mail.class));
        new RuleNotifications().send(context, support, notification, TicketId.parse("SUP-12", support.ticketPrefix()), "Printer");

        // A MimeMessage handed to sendMail(sender, recipients, message) is written out into a spool buffer of James's first.
        assertThat(handed).containsExactly("its own bytes");
    }

    private static MailAddress mailAddress(String address) {
        try {
            return new MailAddress(address);
        } catch (Exception e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
