package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEventType;

class SpoofedSharedAddressHookTest {
    @Test
    void unauthenticatedMailFromTheSharedAddressShouldBeRefusedAtMailFrom() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);

        HookResult result = hook.doMail(HookFixture.session(Optional.empty()), MaybeSender.of(new MailAddress("support@example.test")));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(fixture.recorded).singleElement().satisfies(event -> assertThat(event.type()).isEqualTo(AuditEventType.SEND_REFUSED));
    }

    @Test
    void aFromHeaderClaimingTheSharedAddressShouldBeRefusedAfterData() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);

        HookResult result = hook.onMessage(HookFixture.session(Optional.empty()), mail("jane@customer.test", "Support <SUPPORT@example.test>"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void underTheMarkPolicyTheMailShouldBeDeliveredWithTheMarkHeader() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("spoofed-from=\"mark\"", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);
        Mail mail = mail("jane@customer.test", "support@example.test");

        assertThat(hook.doMail(HookFixture.session(Optional.empty()), MaybeSender.of(new MailAddress("support@example.test"))))
            .isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader(SpoofedSharedAddressHook.MARK_HEADER)).containsExactly("support@example.test");
    }

    @Test
    void authenticatedSessionsShouldBeLeftToTheSendingRules() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);

        assertThat(hook.doMail(HookFixture.session(Optional.of("alice@example.test")), MaybeSender.of(new MailAddress("support@example.test"))))
            .isEqualTo(HookResult.DECLINED);
        assertThat(hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("support@example.test", "support@example.test")))
            .isEqualTo(HookResult.DECLINED);
        assertThat(fixture.recorded).isEmpty();
    }

    @Test
    void mailThatClaimsNoSharedAddressShouldPassUnmarked() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);
        Mail mail = mail("jane@customer.test", "jane@customer.test");

        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader(SpoofedSharedAddressHook.MARK_HEADER)).isNull();
    }

    @Test
    void aSharedAddressInAnyOccurrenceOfAnAuthorHeaderShouldBeRefused() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);
        Mail mail = mail("jane@customer.test", "jane@customer.test");
        mail.getMessage().addHeader("Sender", "jane@customer.test");
        mail.getMessage().addHeader("Sender", "Support <support@example.test>");

        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail).getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void anAuthorHeaderNameShouldBeReadInAnyCase() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);
        Mail mail = mail("jane@customer.test", "jane@customer.test");
        mail.getMessage().addHeader("RESENT-FROM", "SUPPORT@example.test");

        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail).getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void aMarkHeaderWrittenByTheClientShouldBeRemoved() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("spoofed-from=\"mark\"", ""));
        SpoofedSharedAddressHook hook = new SpoofedSharedAddressHook(fixture.store, fixture.audit);
        Mail mail = mail("jane@customer.test", "jane@customer.test");
        mail.getMessage().addHeader(SpoofedSharedAddressHook.MARK_HEADER.toLowerCase(Locale.ROOT), "forged");

        assertThat(hook.onMessage(HookFixture.session(Optional.empty()), mail)).isEqualTo(HookResult.DECLINED);
        assertThat(mail.getMessage().getHeader(SpoofedSharedAddressHook.MARK_HEADER)).isNull();
    }

    private static Mail mail(String envelopeSender, String from) throws Exception {
        return FakeMail.builder()
            .name("incoming")
            .sender(envelopeSender)
            .recipient("support@example.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder()
                .addHeader("From", from)
                .addToRecipient("support@example.test")
                .setSubject("Hello")
                .setText("Hello"))
            .build();
    }
}
