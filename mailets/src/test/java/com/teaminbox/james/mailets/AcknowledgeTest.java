package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.autoreply.IncomingText;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.james.autoreply.AcknowledgementLedger;
import com.teaminbox.james.autoreply.InMemoryNotificationRegistry;
import com.teaminbox.james.storage.SerialNotificationRegistry;

class AcknowledgeTest {
    private static final Clock WEDNESDAY_NOON = Clock.fixed(Instant.parse("2030-01-09T12:00:00Z"), ZoneOffset.UTC);
    private static final Map<String, String> TEMPLATES = Map.of(
        "ack.txt", "Ticket {{ticket}} for {{customer_name}}.\n",
        "billing.txt", "Billing ticket {{ticket}}.\n");
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" display-name=\"Support\">\n"
        + "    <acknowledgement per-sender-daily-cap=\"2\">\n"
        + "      <template kind=\"ack\" text=\"ack.txt\"/>\n"
        + "      <template kind=\"billing\" text=\"billing.txt\"/>\n"
        + "    </acknowledgement>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    private final List<AuditEvent> audited = new ArrayList<>();
    private FakeMailContext context;
    private Acknowledge mailet;

    private static ConfigurationInForce store() {
        SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser(
            path -> Optional.ofNullable(TEMPLATES.get(path)).orElseThrow(() -> new FileNotFoundException(path)))
            .parse(new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
        return () -> configuration;
    }

    private Acknowledge mailet(NotificationRegistry registry) throws Exception {
        Acknowledge acknowledge = new Acknowledge(store(), new AcknowledgementLedger(new SerialNotificationRegistry(registry), WEDNESDAY_NOON), WEDNESDAY_NOON,
            audited::add);
        acknowledge.init(FakeMailetConfig.builder().mailetName("Acknowledge").mailetContext(context).build());
        return acknowledge;
    }

    @BeforeEach
    void setUp() throws Exception {
        context = FakeMailContext.defaultContext();
        mailet = mailet(new InMemoryNotificationRegistry());
    }

    private static FakeMail newTicket(String ticket, String subject) throws Exception {
        return FakeMail.builder()
            .name("mail-" + ticket)
            .sender("jane@customer.test")
            .recipient("support@example.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("Jane Doe <jane@customer.test>")
                .addToRecipient("support@example.test")
                .setSubject(subject)
                .addHeader("Message-ID", "<" + ticket + "@customer.test>")
                .setText("Hello"))
            .attribute(new Attribute(AssignTicket.TICKET_ATTRIBUTE, AttributeValue.of(ticket)))
            .attribute(new Attribute(AssignTicket.NEW_TICKET_ATTRIBUTE, AttributeValue.of(true)))
            .build();
    }

    @Test
    void newTicketShouldBeAcknowledgedFromANullSender() throws Exception {
        mailet.service(newTicket("SUP-1", "[SUP-1] Printer"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getSender()).isNull();
            assertThat(sent.getRecipients()).extracting(Object::toString).containsExactly("jane@customer.test");
            assertThat(sent.getMsg().getSubject()).isEqualTo("[SUP-1] Re: Printer");
            assertThat(sent.getMsg().getContent().toString()).isEqualTo("Ticket SUP-1 for Jane Doe.\r\n");
        });
    }

    @Test
    void ruleChosenTemplateShouldBeUsed() throws Exception {
        FakeMail mail = newTicket("SUP-2", "[SUP-2] Invoice");
        mail.setAttribute(new Attribute(Acknowledge.TEMPLATE_ATTRIBUTE, AttributeValue.of("billing")));

        mailet.service(mail);

        assertThat(context.getSentMails()).singleElement()
            .satisfies(sent -> assertThat(sent.getMsg().getContent().toString()).isEqualTo("Billing ticket SUP-2.\r\n"));
    }

    @Test
    void mailOnAnExistingTicketShouldNotBeAcknowledged() throws Exception {
        FakeMail mail = newTicket("SUP-3", "Re: [SUP-3] Printer");
        mail.setAttribute(new Attribute(AssignTicket.NEW_TICKET_ATTRIBUTE, AttributeValue.of(false)));

        mailet.service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void sameTicketShouldBeAcknowledgedOnce() throws Exception {
        mailet.service(newTicket("SUP-4", "[SUP-4] Printer"));
        mailet.service(newTicket("SUP-4", "[SUP-4] Printer"));

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void sentAndSuppressedAcknowledgementsShouldBeAudited() throws Exception {
        mailet.service(newTicket("SUP-5", "[SUP-5] Printer"));
        mailet.service(newTicket("SUP-5", "[SUP-5] Printer"));

        assertThat(audited).extracting(event -> event.type() + " " + event.ticket().orElse("") + " " + event.decision())
            .containsExactly("autoresponse-sent SUP-5 sent", "autoresponse-suppressed SUP-5 suppressed");
        assertThat(audited.get(0).details()).containsEntry("to", "jane@customer.test");
        assertThat(audited.get(1).reason()).hasValueSatisfying(reason -> assertThat(reason).contains("ALREADY_ACKNOWLEDGED"));
    }

    @Test
    void senderShouldGetNoMoreThanTheDailyCap() throws Exception {
        for (int number = 10; number < 15; number++) {
            mailet.service(newTicket("SUP-" + number, "[SUP-" + number + "] Question"));
        }

        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void failingStorageShouldLeaveTheOriginalMailToContinue() throws Exception {
        NotificationRegistry broken = mock(NotificationRegistry.class);
        when(broken.isRegistered(any(), any())).thenThrow(new IllegalStateException("Cassandra is down"));
        Acknowledge failing = mailet(broken);
        FakeMail mail = newTicket("SUP-5", "[SUP-5] Printer");
        mail.setState("shared-mailbox");

        assertThatCode(() -> failing.service(mail)).doesNotThrowAnyException();

        assertThat(mail.getState()).isEqualTo("shared-mailbox");
        assertThat(mail.getMessage().getSubject()).isEqualTo("[SUP-5] Printer");
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void longInternationalSubjectShouldBeEncodedAndFoldedIntoShortLines() throws Exception {
        String words = "Imprimante cassée, ça ne marche plus ".repeat(40);
        mailet.service(newTicket("SUP-6", "[SUP-6] " + words));

        MimeMessage sent = context.getSentMails().get(0).getMsg();
        String raw = String.join("\r\n", Collections.list(sent.getAllHeaderLines()));
        assertThat(Arrays.stream(raw.split("\r\n"))).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(raw).containsPattern("(?m)^Subject: =\\?UTF-8\\?");
        // The customer's words are capped (IncomingText): a stranger cannot write a letter into our subject.
        assertThat(sent.getSubject()).isEqualTo("[SUP-6] Re: " + words.substring(0, IncomingText.MAX_LENGTH - 1).strip() + "…");
    }

    @Test
    void unknownInitParameterShouldBeRefused() {
        assertThatCode(() -> mailet.init(FakeMailetConfig.builder().mailetName("Acknowledge").mailetContext(context)
            .setProperty("template", "ack").build()))
            .isInstanceOf(MessagingException.class);
    }
}
