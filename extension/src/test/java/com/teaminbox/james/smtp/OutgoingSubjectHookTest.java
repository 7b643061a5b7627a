package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEventType;

class OutgoingSubjectHookTest {
    @Test
    void aSubjectWithoutTheTicketTagShouldBeRefusedUnderTheRejectConvention() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", "<outgoing-subjects mode=\"reject\"/>"));
        OutgoingSubjectHook hook = new OutgoingSubjectHook(fixture.store, fixture.audit);

        HookResult result = hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("Your invoice"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 Mail sent as support@example.test must follow its subject convention");
        assertThat(fixture.recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.SUBJECT_REJECTED);
            assertThat(event.actor().name()).isEqualTo("alice@example.test");
            assertThat(event.messageId()).contains("<reply-1@example.test>");
        });
    }

    @Test
    void aTaggedSubjectShouldPass() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", "<outgoing-subjects mode=\"reject\"/>"));
        OutgoingSubjectHook hook = new OutgoingSubjectHook(fixture.store, fixture.audit);

        assertThat(hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("Re: [SUP-12] Your invoice")))
            .isEqualTo(HookResult.DECLINED);
        assertThat(fixture.recorded).isEmpty();
    }

    @Test
    void fixAndFlagConventionsShouldLeaveTheMailToTheMailetsThatApplyThem() throws Exception {
        for (String mode : new String[] {"fix", "flag"}) {
            HookFixture fixture = new HookFixture(HookFixture.support("", "<outgoing-subjects mode=\"" + mode + "\"/>"));
            OutgoingSubjectHook hook = new OutgoingSubjectHook(fixture.store, fixture.audit);

            assertThat(hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("Your invoice")))
                .as(mode).isEqualTo(HookResult.DECLINED);
        }
    }

    @Test
    void withoutAConventionAnySubjectShouldPass() throws Exception {
        HookFixture fixture = new HookFixture(HookFixture.support("", ""));
        OutgoingSubjectHook hook = new OutgoingSubjectHook(fixture.store, fixture.audit);

        assertThat(hook.onMessage(HookFixture.session(Optional.of("alice@example.test")), mail("Your invoice")))
            .isEqualTo(HookResult.DECLINED);
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
