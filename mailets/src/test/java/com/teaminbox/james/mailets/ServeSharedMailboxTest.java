package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.PerRecipientHeaders;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/** What James's container does between the six mailets, done between the parts of the one step. */
class ServeSharedMailboxTest {
    private static final String STATE = "shared-mailbox";

    private final SplitPerSharedMailbox split = mock(SplitPerSharedMailbox.class);
    private final AssignTicket assignTicket = mock(AssignTicket.class);
    private final ApplyRules applyRules = mock(ApplyRules.class);
    private final Acknowledge acknowledge = mock(Acknowledge.class);
    private final LocalDeliveryOnce delivery = mock(LocalDeliveryOnce.class);
    private final ServeSharedMailbox mailet = new ServeSharedMailbox(split, assignTicket, applyRules, acknowledge, delivery);

    @BeforeEach
    void setUp() throws Exception {
        mailet.init(config().build());
    }

    private static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder().mailetName("serve").mailetContext(FakeMailContext.defaultContext());
    }

    private static Mail mail() throws Exception {
        return FakeMail.builder().name("mail1").state(STATE)
            .recipients(new MailAddress("support@example.test"), new MailAddress("bob@example.test"))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Printer broken").setText("hello"))
            .build();
    }

    @Test
    void partsShouldServeTheMailInTheProcessorsOrderOnOneView() throws Exception {
        Mail mail = mail();

        mailet.service(mail);

        InOrder order = inOrder(split, assignTicket, applyRules, acknowledge, delivery);
        ArgumentCaptor<MailView> view = ArgumentCaptor.forClass(MailView.class);
        order.verify(split).serve(same(mail), view.capture());
        order.verify(assignTicket).serve(same(mail), same(view.getValue()));
        order.verify(applyRules).serve(same(mail), same(view.getValue()));
        order.verify(acknowledge).serve(same(mail), same(view.getValue()));
        order.verify(delivery).service(mail);
    }

    @Test
    void deliveryShouldSeeTheDeliveredToHeaderOfEachRecipient() throws Exception {
        Mail mail = mail();
        doAnswer(invocation -> {
            assertThat(mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(new MailAddress("bob@example.test")))
                .containsExactly(PerRecipientHeaders.Header.builder().name("Delivered-To").value("bob@example.test").build());
            return null;
        }).when(delivery).service(mail);

        mailet.service(mail);

        verify(delivery).service(mail);
    }

    @Test
    void failingPartShouldSendTheMailToTheErrorProcessorNamingThatPartAsJamesWould() throws Exception {
        Mail mail = mail();
        MessagingException failure = new MessagingException("registry unavailable");
        doThrow(failure).when(assignTicket).serve(same(mail), any());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.ERROR);
        assertThat(mail.getErrorMessage()).startsWith("Exception calling com.teaminbox.james.mailets.AssignTicket: registry unavailable");
        assertThat(mail.getAttribute(Mail.MAILET_ERROR)).hasValueSatisfying(attribute ->
            assertThat(attribute.getValue().value()).isSameAs(failure));
        verify(applyRules, never()).serve(any(), any());
        verify(delivery, never()).service(any());
    }

    @Test
    void failingPartShouldSendTheMailToTheProcessorTheParameterNames() throws Exception {
        mailet.init(config().setProperty("onMailetException", " Retry-Later ").build());
        Mail mail = mail();
        doThrow(new IllegalStateException("boom")).when(applyRules).serve(same(mail), any());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("retry-later");
        verify(acknowledge, never()).serve(any(), any());
    }

    @Test
    void failingPartShouldBeSkippedUnderIgnore() throws Exception {
        mailet.init(config().setProperty("onMailetException", "ignore").build());
        Mail mail = mail();
        doThrow(new IllegalStateException("boom")).when(acknowledge).serve(same(mail), any());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(STATE);
        verify(delivery).service(mail);
    }

    @Test
    void failingPartShouldBeThrownUnderPropagate() throws Exception {
        mailet.init(config().setProperty("onMailetException", "propagate").build());
        Mail mail = mail();
        MessagingException failure = new MessagingException("boom");
        doThrow(failure).when(split).serve(same(mail), any());

        assertThatThrownBy(() -> mailet.service(mail)).isSameAs(failure);
        verify(assignTicket, never()).serve(any(), any());
    }

    @Test
    void mailAPartSendsToAnotherProcessorShouldGoNoFurtherHere() throws Exception {
        Mail mail = mail();
        doAnswer(invocation -> {
            mail.setState("spam");
            return null;
        }).when(applyRules).serve(same(mail), any());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo("spam");
        verify(acknowledge, never()).serve(any(), any());
        verify(delivery, never()).service(any());
    }

    @Test
    void mailLeftWithoutRecipientsShouldBecomeAGhost() throws Exception {
        Mail mail = mail();
        doAnswer(invocation -> {
            mail.setRecipients(List.of());
            return null;
        }).when(split).serve(same(mail), any());

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        verify(assignTicket, never()).serve(any(), any());
    }

    @Test
    void eachPartShouldGetWhatItWouldGetAsAMailetOfItsOwn() throws Exception {
        mailet.init(config().setProperty("processor", "shared-mailbox-copies").setProperty("onMailetException", "bounces").build());

        ArgumentCaptor<MailetConfig> splitConfig = ArgumentCaptor.forClass(MailetConfig.class);
        verify(split, org.mockito.Mockito.times(2)).init(splitConfig.capture());
        assertThat(splitConfig.getValue().getMailetName()).isEqualTo("com.teaminbox.james.mailets.SplitPerSharedMailbox");
        assertThat(splitConfig.getValue().getInitParameter("processor")).isEqualTo("shared-mailbox-copies");
        ArgumentCaptor<MailetConfig> deliveryConfig = ArgumentCaptor.forClass(MailetConfig.class);
        verify(delivery, org.mockito.Mockito.times(2)).init(deliveryConfig.capture());
        assertThat(deliveryConfig.getValue().getInitParameter("onMailetException")).isEqualTo("bounces");
        assertThat(deliveryConfig.getValue().getInitParameter("processor")).isNull();
    }

    @Test
    void unknownParameterShouldBeRefusedNamingIt() {
        assertThatThrownBy(() -> mailet.init(config().setProperty("folder", "INBOX").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mailet serve (com.teaminbox.james.mailets.ServeSharedMailbox): parameter <folder> = 'INBOX': unknown parameter;"
                + " accepted: processor");
    }

    @Test
    void blankProcessorShouldBeRefusedAsSplitPerSharedMailboxRefusesIt() throws Exception {
        ServeSharedMailbox real = new ServeSharedMailbox(new SplitPerSharedMailbox(() -> null), assignTicket, applyRules, acknowledge,
            delivery);

        assertThatThrownBy(() -> real.init(config().setProperty("processor", " ").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("parameter <processor> = ' ': a processor name, or no parameter for this processor");
    }
}
