package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Optional;

import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditUnavailableException;

class ReceivedMailAuditHookTest {
    private final HookFixture fixture = new HookFixture(HookFixture.support("", ""));
    private final ReceivedMailAuditHook hook = new ReceivedMailAuditHook(fixture.store, fixture.audit);

    @Test
    void mailForASharedMailboxShouldBeRecordedAsReceivedOnceWithItsSizeAndClient() throws Exception {
        HookResult result = hook.onMessage(HookFixture.session(Optional.empty()), mail("support@example.test", "bob@example.test"));

        assertThat(result).as("DECLINED, so that James's SendMailHandler queues it").isEqualTo(HookResult.DECLINED);
        assertThat(fixture.recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.MAIL_RECEIVED);
            assertThat(event.sharedMailbox()).contains("support@example.test");
            assertThat(event.decision()).isEqualTo("accepted");
            assertThat(event.details()).containsEntry("remoteAddress", "192.0.2.7").containsKey("size");
        });
    }

    @Test
    void mailForNoSharedMailboxShouldPassUnrecorded() throws Exception {
        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail("bob@example.test"))).isEqualTo(HookResult.DECLINED);

        assertThat(fixture.recorded).isEmpty();
    }

    @Test
    void anUnavailableTrailShouldAnswerATemporaryFailureSoThatNothingIsAcceptedUnaudited() throws Exception {
        SmtpAudit unavailable = new SmtpAudit(event -> {
            throw new AuditUnavailableException("disk full", new IOException("No space left on device"));
        });

        HookResult result = new ReceivedMailAuditHook(fixture.store, unavailable)
            .onMessage(HookFixture.session(Optional.empty()), mail("support@example.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.3.0 ");
    }

    @Test
    void theSenderShouldBeTheMemberWhoSubmittedItElseTheEnvelopeSenderElseTheNullReversePath() throws Exception {
        Mail submitted = mail("support@example.test");
        submitted.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of("alice@example.test")));
        Mail bounce = FakeMail.builder().name("bounce").sender(MaybeSender.nullSender()).recipients("support@example.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addHeader("Message-ID", " <bounce-1@customer.test> ")
                .setSubject("Undelivered").setText("-"))
            .build();

        for (Mail mail : new Mail[] {mail("support@example.test"), submitted, bounce}) {
            hook.onMessage(HookFixture.session(Optional.empty()), mail);
        }

        assertThat(fixture.recorded).extracting(event -> event.actor().toString())
            .containsExactly("external-sender:jane@customer.test", "member:alice@example.test", "external-sender:<>");
        assertThat(fixture.recorded.get(2).messageId()).as("the Message-ID without the spaces around it").contains("<bounce-1@customer.test>");
        assertThat(fixture.recorded.get(2).details()).containsEntry("mailId", "bounce");
    }

    private static Mail mail(String... recipients) throws Exception {
        return FakeMail.builder()
            .name("incoming")
            .sender("jane@customer.test")
            .recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addFrom("jane@customer.test")
                .setSubject("Printer broken")
                .setText("It prints nothing."))
            .build();
    }
}
