package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

import com.teaminbox.james.provisioning.ExtensionReadiness;

class ReadinessRcptHookTest {
    private final ExtensionReadiness readiness = new ExtensionReadiness();
    private final ReadinessRcptHook hook = new ReadinessRcptHook(readiness);

    @Test
    void everyRecipientShouldBeToldToComeBackWhileTheExtensionStarts() throws Exception {
        HookResult result = hook.doRcpt(HookFixture.session(Optional.empty()), MaybeSender.of(new MailAddress("jane@customer.test")),
            new MailAddress("anyone@example.test"));

        assertThat(result.getResult()).isEqualTo(HookReturnCode.denySoft());
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).startsWith("4.3.2 ");
    }

    @Test
    void onceReadyTheHookShouldLeaveRecipientsToTheRestOfTheChain() throws Exception {
        readiness.markReady();

        HookResult result = hook.doRcpt(HookFixture.session(Optional.empty()), MaybeSender.of(new MailAddress("jane@customer.test")),
            new MailAddress("support@example.test"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
    }
}
