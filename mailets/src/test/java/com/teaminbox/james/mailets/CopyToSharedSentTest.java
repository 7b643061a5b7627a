package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.james.sending.SharedMailboxReplies;

class CopyToSharedSentTest {
    private static final String XML = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final SharedMailboxesConfiguration CONFIGURATION = new SharedMailboxesConfigurationParser()
        .parse(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
    private static final SharedMailbox SUPPORT = CONFIGURATION.sharedMailboxes().get(0);

    private final SharedMailboxReplies replies = mock(SharedMailboxReplies.class);
    private final ConversationIndex conversationIndex = mock(ConversationIndex.class);
    private CopyToSharedSent mailet;

    @BeforeEach
    void setUp() throws MessagingException {
        mailet = new CopyToSharedSent(() -> CONFIGURATION, replies, conversationIndex);
        mailet.init(FakeMailetConfig.builder().mailetName("CopyToSharedSent").build());
    }

    @Test
    void replyOfAnAllowedMemberShouldBeCopiedAndMarkWhatItAnswers() throws Exception {
        mailet.service(mail(Optional.of("alice@example.test"), "Support <support@example.test>", "Re: [SUP-3] Printer"));

        verify(replies).copyToSent(eq(SUPPORT), any());
        verify(replies).markAnswered(SUPPORT, List.of("<question@customer.test>"), Optional.of(TicketId.of(TicketPrefix.of("SUP"), 3)));
    }

    @Test
    void copyCarryingTheTicketHeaderShouldBeRememberedForLaterReplies() throws Exception {
        Mail mail = mail(Optional.of("alice@example.test"), "support@example.test", "Re: [SUP-3] Printer");
        mail.getMessage().setHeader(AssignTicket.TICKET_HEADER, "SUP-3");
        mail.getMessage().setHeader("Message-ID", "<answer-3@example.test>");

        mailet.service(mail);

        verify(conversationIndex).remember(SUPPORT, "<answer-3@example.test>", TicketId.of(TicketPrefix.of("SUP"), 3));
    }

    @Test
    void copyWithoutTheTicketHeaderShouldNotBeRemembered() throws Exception {
        mailet.service(mail(Optional.of("alice@example.test"), "support@example.test", "Hello without a tag"));

        verify(replies).copyToSent(eq(SUPPORT), any());
        verifyNoInteractions(conversationIndex);
    }

    @Test
    void mailWithoutAuthenticatedUserShouldNotBeCopied() throws Exception {
        mailet.service(mail(Optional.empty(), "support@example.test", "Re: [SUP-3] Printer"));

        verifyNoInteractions(replies);
    }

    @Test
    void personalMailShouldNotBeCopied() throws Exception {
        mailet.service(mail(Optional.of("alice@example.test"), "alice@example.test", "Re: [SUP-3] Printer"));

        verifyNoInteractions(replies);
    }

    @Test
    void mailOfAMemberWithoutSendPermissionShouldNotBeCopied() throws Exception {
        mailet.service(mail(Optional.of("bob@example.test"), "support@example.test", "Re: [SUP-3] Printer"));

        verifyNoInteractions(replies);
    }

    @Test
    void malformedFromShowingTheSharedAddressShouldCountAsTheSharedAddress() throws Exception {
        mailet.service(mail(Optional.of("alice@example.test"), "Support <support@example.test", "Hi"));

        verify(replies).copyToSent(eq(SUPPORT), any());
    }

    @Test
    void mailboxFailureShouldFailTheMailSoThatItGoesToTheErrorProcessor() throws Exception {
        doThrow(new MailboxException("storage down")).when(replies).copyToSent(eq(SUPPORT), any());
        Mail mail = mail(Optional.of("alice@example.test"), "support@example.test", "Re: [SUP-3] Printer");

        assertThatThrownBy(() -> mailet.service(mail))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Could not copy mail of alice@example.test to support@example.test's Sent: storage down");
    }

    @Test
    void unknownParameterShouldBeRejected() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("CopyToSharedSent")
                .setProperty("folder", "Outbox").build()))
            .isInstanceOf(MessagingException.class);
    }

    @Test
    void mailShouldGoOnUnchanged() throws Exception {
        Mail mail = mail(Optional.of("alice@example.test"), "support@example.test", "Re: [SUP-3] Printer");
        String stateBefore = mail.getState();

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(stateBefore);
        assertThat(mail.getRecipients()).extracting(Object::toString).containsExactly("jane@customer.test");
        assertThat(mail.getMessage().getSubject()).isEqualTo("Re: [SUP-3] Printer");
    }

    private static Mail mail(Optional<String> authenticatedUser, String from, String subject) throws MessagingException {
        FakeMail.Builder mail = FakeMail.builder()
            .name("mail1")
            .sender("alice@example.test")
            .recipient("jane@customer.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("From", from)
                .addHeader("In-Reply-To", "<question@customer.test>")
                .addToRecipient("jane@customer.test")
                .setSubject(subject)
                .setText("Hello"));
        authenticatedUser.ifPresent(user -> mail.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(user))));
        return mail.build();
    }
}
