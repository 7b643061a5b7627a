package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.james.ConfigurationFixture;

class EnforceOutgoingSubjectTest {
    private final TicketRegistry registry = mock(TicketRegistry.class);
    private final ConversationIndex conversations = mock(ConversationIndex.class);
    private final List<AuditEvent> recorded = new ArrayList<>();

    @Test
    void fixShouldTagAnUntaggedSubjectWithANewTicketAndRecordIt() throws Exception {
        when(conversations.ticketOf(any(), any())).thenReturn(Optional.empty());
        when(registry.open(any(), any(), any())).thenReturn(TicketId.of(TicketPrefix.of("SUP"), 42));
        Mail mail = mail("Your invoice");

        mailet("fix").service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[SUP-42] Your invoice");
        assertThat(mail.getMessage().getHeader(AssignTicket.TICKET_HEADER)).containsExactly("SUP-42");
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(AuditEventType.SUBJECT_FIXED));
    }

    @Test
    void fixShouldReuseTheTicketOfTheConversationBeingAnswered() throws Exception {
        when(conversations.ticketOf(any(), any())).thenReturn(Optional.of(TicketId.of(TicketPrefix.of("SUP"), 7)));
        Mail mail = mail("Your invoice");

        mailet("fix").service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("[SUP-7] Your invoice");
        verifyNoInteractions(registry);
    }

    @Test
    void flagShouldDeliverWithTheConventionHeader() throws Exception {
        Mail mail = mail("Your invoice");

        mailet("flag").service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Your invoice");
        assertThat(mail.getMessage().getHeader(EnforceOutgoingSubject.CONVENTION_HEADER)[0]).startsWith("violated; expected: ");
        assertThat(recorded).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(AuditEventType.SUBJECT_FLAGGED));
    }

    @Test
    void flagShouldUseTheHeaderTheAdministratorNamed() throws Exception {
        EnforceOutgoingSubject mailet = mailet("flag");
        mailet.init(FakeMailetConfig.builder().mailetName("EnforceOutgoingSubject").setProperty("header", "X-Acme-Subject-Check").build());
        Mail mail = mail("Your invoice");

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("X-Acme-Subject-Check")[0]).startsWith("violated; expected: ");
        assertThat(mail.getMessage().getHeader(EnforceOutgoingSubject.CONVENTION_HEADER)).isNull();
    }

    @Test
    void headerThatIsNoFieldNameShouldBeRefused() {
        assertThatThrownBy(() -> mailet("flag").init(FakeMailetConfig.builder().mailetName("EnforceOutgoingSubject")
                .setProperty("header", "X-Check: yes").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContainingAll("EnforceOutgoingSubject", "<header>", "'X-Check: yes'", "header field name");
    }

    @Test
    void unknownParameterShouldBeRefused() {
        assertThatThrownBy(() -> mailet("flag").init(FakeMailetConfig.builder().mailetName("EnforceOutgoingSubject")
                .setProperty("mode", "fix").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContainingAll("<mode>", "'fix'", "accepted: header");
    }

    @Test
    void aTaggedSubjectShouldOnlyBeMarkedWithItsTicket() throws Exception {
        Mail mail = mail("Re: [SUP-12] Your invoice");

        mailet("fix").service(mail);

        assertThat(mail.getMessage().getSubject()).isEqualTo("Re: [SUP-12] Your invoice");
        assertThat(mail.getMessage().getHeader(AssignTicket.TICKET_HEADER)).containsExactly("SUP-12");
        assertThat(recorded).isEmpty();
    }

    private EnforceOutgoingSubject mailet(String mode) {
        return new EnforceOutgoingSubject(
            ConfigurationFixture.configuration(ConfigurationFixture.support("", "<outgoing-subjects mode=\"" + mode + "\"/>")),
            registry, conversations, recorded::add);
    }

    private static Mail mail(String subject) throws Exception {
        return FakeMail.builder()
            .name("outgoing")
            .sender("support@example.test")
            .recipient("jane@customer.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("support@example.test")
                .addToRecipient("jane@customer.test")
                .setSubject(subject)
                .addHeader("Message-ID", "<reply-1@example.test>")
                .setText("Hello"))
            .build();
    }
}
