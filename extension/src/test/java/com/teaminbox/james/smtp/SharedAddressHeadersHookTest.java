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

/** The role check on the author headers at the end of DATA (what is written once accepted: SendAcceptedRecordTest). */
class SharedAddressHeadersHookTest {
    private final HookFixture fixture = new HookFixture(HookFixture.support("", ""));
    private final SharedAddressHeadersHook hook = new SharedAddressHeadersHook(fixture.store, fixture.audit);

    @Test
    void aReadOnlyMemberWritingAsTheSharedAddressShouldBeRefusedDuringTheDialogue() throws Exception {
        HookResult result = hook.onMessage(HookFixture.session(Optional.of("bob@example.test")),
            mail("bob@example.test", "From: support@example.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 ");
        assertThat(fixture.recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.SEND_REFUSED);
            assertThat(event.actor().name()).isEqualTo("bob@example.test");
            assertThat(event.details()).containsEntry("stage", "DATA");
        });
    }

    @Test
    void aSenderHeaderShouldBeCheckedLikeFrom() throws Exception {
        HookResult result = hook.onMessage(HookFixture.session(Optional.of("dave@example.test")),
            mail("dave@example.test", "From: dave@example.test", "Sender: support@example.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
    }

    @Test
    void aPermittedMemberShouldBeLeftToTheRestOfTheChainWithNothingWrittenYet() throws Exception {
        HookResult result = hook.onMessage(HookFixture.session(Optional.of("carol@example.test")),
            mail("support@example.test", "From: support@example.test"));

        assertThat(result).as("DECLINED, never OK: OK would end the chain before James queues the mail").isEqualTo(HookResult.DECLINED);
        assertThat(fixture.recorded).as("held until every check passed").isEmpty();
    }

    @Test
    void mailThatClaimsNoSharedAddressShouldPassUnrecorded() throws Exception {
        HookResult result = hook.onMessage(HookFixture.session(Optional.of("bob@example.test")),
            mail("bob@example.test", "From: bob@example.test"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(fixture.recorded).isEmpty();
    }

    private static Mail mail(String envelopeSender, String... headers) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("Re: [SUP-3] Printer").setText("Fixed.");
        for (String header : headers) {
            int colon = header.indexOf(':');
            message.addHeader(header.substring(0, colon), header.substring(colon + 1).strip());
        }
        return FakeMail.builder().name("reply").sender(envelopeSender).recipient("jane@customer.test").mimeMessage(message).build();
    }
}
