package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.teaminbox.core.audit.AuditEventType;

class SharedAddressEnvelopeHookTest {
    private final HookFixture fixture = new HookFixture(HookFixture.support("", ""));
    private final SharedAddressEnvelopeHook hook = new SharedAddressEnvelopeHook(fixture.store, fixture.audit);

    @ParameterizedTest(name = "{0} as support@: {1}")
    @CsvSource({
        "alice@example.test, accepted",
        "carol@example.test, accepted",
        "bob@example.test, refused",
        "dave@example.test, refused"})
    void mailFromTheSharedAddressShouldFollowTheMembersRole(String member, String expected) throws Exception {
        HookResult result = hook.doMail(HookFixture.session(Optional.of(member)), MaybeSender.of(new MailAddress("support@example.test")));

        if (expected.equals("accepted")) {
            assertThat(result).isEqualTo(HookResult.OK);
            assertThat(fixture.recorded).isEmpty();
        } else {
            assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
            assertThat(result.getSmtpRetCode()).isEqualTo("550");
            assertThat(result.getSmtpDescription()).startsWith("5.7.1 ").contains(member);
            assertThat(fixture.recorded).singleElement().satisfies(event -> {
                assertThat(event.type()).isEqualTo(AuditEventType.SEND_REFUSED);
                assertThat(event.actor().name()).isEqualTo(member);
                assertThat(event.details()).containsEntry("stage", "MAIL FROM");
            });
        }
    }

    @Test
    void withoutAuthenticationTheSharedAddressShouldBeRefused() throws Exception {
        HookResult result = hook.doMail(HookFixture.session(Optional.empty()), MaybeSender.of(new MailAddress("support@example.test")));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpDescription()).contains("authentication is required");
    }

    @Test
    void anotherSenderShouldBeLeftToTheRestOfTheChainUnrecorded() throws Exception {
        HookResult result = hook.doMail(HookFixture.session(Optional.of("bob@example.test")), MaybeSender.of(new MailAddress("bob@example.test")));

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(fixture.recorded).isEmpty();
    }

    @Test
    void eachRecipientShouldBeRefusedAgainForARefusedSender() throws Exception {
        HookResult result = hook.doRcpt(HookFixture.session(Optional.of("bob@example.test")),
            MaybeSender.of(new MailAddress("support@example.test")), new MailAddress("jane@customer.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
    }
}
