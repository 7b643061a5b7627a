package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.common.SharedAccounts;

class AssignTicketTest {
    private static final TicketId SUP_42 = TicketId.of(TicketPrefix.of("SUP"), 42);

    private final TicketRegistry registry = mock(TicketRegistry.class);
    private final ConversationIndex conversations = mock(ConversationIndex.class);
    private final List<AuditEvent> recorded = new ArrayList<>();
    private AssignTicket mailet;

    @BeforeEach
    void setUp() throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any())).thenAnswer(invocation -> Username.of(invocation.<MailAddress>getArgument(0).asString()));
        mailet = new AssignTicket(ConfigurationFixture.configuration(ConfigurationFixture.support("", "")), registry, conversations,
            new SharedAccounts(users), recorded::add);
        mailet.init(FakeMailetConfig.builder().mailetName("AssignTicket").build());
        when(conversations.ticketOf(any(), any())).thenReturn(Optional.empty());
    }

    @Test
    void anyParameterShouldBeRefusedNamingTheMailetTheParameterAndItsValue() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("tickets").setProperty("prefix", "SUP").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mailet tickets (com.teaminbox.james.mailets.AssignTicket): parameter <prefix> = 'SUP': unknown parameter; accepted: none");
    }

    @Test
    void jamesOwnErrorHandlingParameterShouldBeAccepted() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("AssignTicket").setProperty("onMailetException", "propagate").build());
    }

    @Test
    void newMailShouldOpenATicketInItsSubjectHeaderAndAttributes() throws Exception {
        when(registry.open(any(), eq("Printer broken"), any())).thenReturn(SUP_42);
        Mail mail = mail("support@example.test", "Printer broken");

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[SUP-42] Printer broken");
        assertThat(mail.getMessage().getHeader(AssignTicket.TICKET_HEADER)).containsExactly("SUP-42");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, AssignTicket.TICKET_ATTRIBUTE, String.class)).contains("SUP-42");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, AssignTicket.NEW_TICKET_ATTRIBUTE, Boolean.class)).contains(true);
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(AuditEventType.TICKET_CREATED));
    }

    @Test
    void mailNamingNoEarlierMessageShouldNotAskTheConversationIndex() throws Exception {
        when(registry.open(any(), eq("Printer broken"), any())).thenReturn(SUP_42);
        Mail mail = mail("support@example.test", "Printer broken");

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[SUP-42] Printer broken");
        verify(conversations, never()).ticketOf(any(), any());
    }

    @Test
    void replyThatLostItsTagShouldGetItsTicketBackThroughReferences() throws Exception {
        when(conversations.ticketOf(any(), eq(List.of("<reply-12@example.test>", "<1@customer.test>")))).thenReturn(Optional.of(SUP_42));
        Mail mail = mail("support@example.test", "RE: printer on floor 2");
        mail.getMessage().setHeader("In-Reply-To", "<reply-12@example.test>");
        mail.getMessage().setHeader("References", "<1@customer.test> <reply-12@example.test>");

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("RE: [SUP-42] printer on floor 2");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, AssignTicket.NEW_TICKET_ATTRIBUTE, Boolean.class)).contains(false);
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(AuditEventType.TICKET_THREADED));
        verify(registry, never()).open(any(), any(), any());
    }

    /** What a later reply pointing to this mail reads back by key, without searching the shared account. */
    @Test
    void threadedMailShouldBeRememberedWithItsTicket() throws Exception {
        when(conversations.ticketOf(any(), eq(List.of("<reply-12@example.test>")))).thenReturn(Optional.of(SUP_42));
        Mail mail = mail("support@example.test", "RE: printer on floor 2");
        mail.getMessage().setHeader("Message-ID", "<2@customer.test>");
        mail.getMessage().setHeader("In-Reply-To", "<reply-12@example.test>");

        mailet.service(mail);

        verify(conversations).remember(any(), eq("<2@customer.test>"), eq(SUP_42));
    }

    @Test
    void tagOfAnIssuedTicketShouldKeepItsTicket() throws Exception {
        when(registry.isIssued(any(), eq(SUP_42))).thenReturn(true);
        Mail mail = mail("support@example.test", "Re: [SUP-42] Printer broken");

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Re: [SUP-42] Printer broken");
        assertThat(AttributeUtils.getValueAndCastFromMail(mail, AssignTicket.NEW_TICKET_ATTRIBUTE, Boolean.class)).contains(false);
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(AuditEventType.TICKET_THREADED));
        verify(registry).isIssued(any(), eq(SUP_42));
    }

    @Test
    void mailForNoSharedMailboxShouldBeLeftAlone() throws Exception {
        Mail mail = mail("dave@example.test", "Lunch?");

        mailet.service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Lunch?");
        assertThat(mail.getMessage().getHeader(AssignTicket.TICKET_HEADER)).isNull();
        verifyNoInteractions(registry);
        assertThat(recorded).isEmpty();
    }

    /**
     * The ticket's header edits leave the body as received: James writes the edited headers and
     * then copies the spooled body, at delivery and anywhere else, without parsing or encoding it
     * again (javax.mail's saveChanges() would walk the body; MessageHeaders.saveHeaderChanges).
     */
    @Test
    void ticketHeadersShouldLeaveTheSpooledBodyUnparsedAndUnchanged() throws Exception {
        when(registry.open(any(), eq("Printer broken"), any())).thenReturn(SUP_42);
        String body = "=?not-mime?= Hello,\r\n--no-boundary\r\n\r\nthe printer is broken.\r\n";
        ObservedMessage message = new ObservedMessage(("From: jane@customer.test\r\nTo: support@example.test\r\n"
            + "Message-ID: <1@customer.test>\r\nSubject: Printer broken\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        Mail mail = FakeMail.builder().name("incoming").sender("jane@customer.test").recipient("support@example.test")
            .mimeMessage(message).build();

        mailet.service(mail);

        assertThat(message.isHeaderModified()).isTrue();
        assertThat(message.isBodyModified()).isFalse();
        assertThat(message.isParsed()).isFalse();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        message.writeTo(written);
        assertThat(written.toString(StandardCharsets.UTF_8)).contains("Subject: [SUP-42] Printer broken\r\n", "X-Ticket: SUP-42\r\n")
            .endsWith("\r\n\r\n" + body);
        assertThat(message.isParsed()).isFalse();
    }

    /** A spooled message, as James's queue hands it to the mailets, that tells whether its body was ever parsed. */
    private static final class ObservedMessage extends MimeMessageWrapper {
        ObservedMessage(byte[] bytes) {
            super(new MimeMessageSource() {
                @Override
                public String getSourceId() {
                    return "observed";
                }

                @Override
                public InputStream getInputStream() {
                    return new ByteArrayInputStream(bytes);
                }

                @Override
                public long getMessageSize() {
                    return bytes.length;
                }
            });
        }

        boolean isParsed() {
            return messageParsed;
        }
    }

    /** The rules and the acknowledgement read the subject AssignTicket wrote as it is without decoding it again (issue 18). */
    @Test
    void subjectWrittenAsItIsShouldBeReadByTheNextPartsWithoutDecoding() throws Exception {
        when(registry.open(any(), eq("Printer broken"), any())).thenReturn(SUP_42);
        AtomicInteger decoded = new AtomicInteger();
        Mail mail = mailCountingDecodes("Printer broken", decoded);
        MailView view = MailView.of(mail);

        mailet.serve(mail, view);

        String readByTheNextPart = view.subject();
        assertThat(decoded).hasValue(1);
        assertThat(readByTheNextPart).isEqualTo("[SUP-42] Printer broken").isEqualTo(mail.getMessage().getSubject());
    }

    /** A subject javax.mail encodes is decoded again by the next part: what it reads is the header's decoding. */
    @Test
    void encodedSubjectShouldBeDecodedAgainByTheNextPart() throws Exception {
        when(registry.open(any(), eq("Facture erronée"), any())).thenReturn(SUP_42);
        AtomicInteger decoded = new AtomicInteger();
        Mail mail = mailCountingDecodes("Facture erronée", decoded);
        MailView view = MailView.of(mail);

        mailet.serve(mail, view);

        assertThat(view.subject()).isEqualTo("[SUP-42] Facture erronée");
        assertThat(decoded).hasValue(2);
    }

    /** A mail whose message counts the decodings of its subject. */
    private static Mail mailCountingDecodes(String subject, AtomicInteger decoded) throws Exception {
        MimeMessage message = new MimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("jane@customer.test")
            .addToRecipient("support@example.test").setSubject(subject).setText("Hello").build()) {
            @Override
            public String getSubject() throws MessagingException {
                decoded.incrementAndGet();
                return super.getSubject();
            }
        };
        return FakeMail.builder().name("incoming").sender("jane@customer.test").recipient("support@example.test")
            .mimeMessage(message).build();
    }

    private static Mail mail(String recipient, String subject) throws Exception {
        return FakeMail.builder()
            .name("incoming")
            .sender("jane@customer.test")
            .recipient(recipient)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("jane@customer.test").addToRecipient(recipient)
                .setSubject(subject).setText("Hello"))
            .build();
    }
}
