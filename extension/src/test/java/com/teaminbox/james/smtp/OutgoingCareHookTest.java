package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Optional;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.james.outgoing.CollisionGuard;
import com.teaminbox.james.outgoing.HeldMails;
import com.teaminbox.james.outgoing.OutgoingNotices;

/** The data-loss side of the hook (the collision guard's decisions: CollisionGuard and OutgoingCareIntegrationTest). */
class OutgoingCareHookTest {
    private static final String VISA = "4111 1111 1111 1111";
    private static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";

    private final HookFixture fixture = new HookFixture(HookFixture.support("", """
        <data-loss>
          <card-numbers action="refuse"/>
          <ibans action="hold"/>
          <pattern name="secret" action="flag" regex="TOP-SECRET"/>
        </data-loss>
        """));
    private final CollisionGuard collisionGuard = mock(CollisionGuard.class);
    private final HeldMails heldMails = mock(HeldMails.class);
    private final OutgoingNotices notices = mock(OutgoingNotices.class);
    private final OutgoingCareHook hook = new OutgoingCareHook(fixture.store, fixture.audit, collisionGuard, heldMails, notices);

    @BeforeEach
    void noCollision() throws Exception {
        when(collisionGuard.check(any(), any(), any(), any(), anyString())).thenReturn(Optional.empty());
    }

    @Test
    void aCardNumberShouldBeRefusedNamingTheDetectorAndWhereButNeverTheValue() throws Exception {
        HookResult result = hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("support@example.test", "card " + VISA));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 Not sent: the data-loss checks of support@example.test found "
            + "card-numbers in text body; remove it and send again");
        assertThat(fixture.recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.DATA_LOSS_REFUSED);
            assertThat(event.toString()).doesNotContain("4111");
        });
        verifyNoInteractions(collisionGuard);
    }

    @Test
    void anIbanShouldBeHeldAnswered250WithANoticeToTheMember() throws Exception {
        when(heldMails.hold(any(), any(), any(), anyString(), anyString(), anyString(), any())).thenReturn(new MailKey("held-1"));

        HookResult result = hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("support@example.test", "IBAN " + IBAN));

        assertThat(result.getResult()).as("OK ends the chain: James does not queue a held mail").isEqualTo(HookReturnCode.ok());
        assertThat(result.getSmtpRetCode()).isEqualTo("250");
        assertThat(result.getSmtpDescription()).startsWith("2.6.0 Accepted and held for review by support@example.test: ibans in text body");
        assertThat(fixture.recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.DATA_LOSS_HELD);
            assertThat(event.details()).containsEntry("heldKey", "held-1");
        });
        verify(notices).send(any(), any(), anyString(), anyString());
    }

    @Test
    void aFlaggedPatternShouldBeDeliveredWithTheHeaderNamingIt() throws Exception {
        Mail mail = mail("support@example.test", "this is TOP-SECRET");

        HookResult result = hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail);

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader(OutgoingCareHook.DLP_HEADER)).containsExactly("secret in text body");
        assertThat(fixture.recorded).extracting(event -> event.type()).containsExactly(AuditEventType.DATA_LOSS_FLAGGED);
    }

    @Test
    void mailAMemberSendsAsHerselfOrFromOutsideShouldNotBeScanned() throws Exception {
        assertThat(hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("alice@example.test", "card " + VISA)))
            .isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail("support@example.test", "card " + VISA)))
            .isEqualTo(HookResult.DECLINED);

        assertThat(fixture.recorded).isEmpty();
    }

    @Test
    void checksThatCannotRunShouldAnswerATemporaryFailure() throws Exception {
        when(collisionGuard.check(any(), any(), any(), any(), anyString())).thenThrow(new MessagingException("mailbox down"));

        HookResult result = hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("support@example.test", "Hello"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        verify(heldMails, never()).hold(any(), any(), any(), anyString(), anyString(), anyString(), any());
    }

    private static Mail mail(String from, String text) throws Exception {
        return FakeMail.builder()
            .name("outgoing")
            .sender(from)
            .recipient("jane@customer.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom(from)
                .addToRecipient("jane@customer.test")
                .setSubject("Re: [SUP-3] Printer")
                .addHeader("Message-ID", "<out-1@example.test>")
                .setText(text))
            .build();
    }
}
