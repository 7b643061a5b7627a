package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
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
