package com.teaminbox.james.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.Test;

class RefuseAuthenticationHookTest {
    private final RefuseAuthenticationHook hook = new RefuseAuthenticationHook();

    @Test
    void passwordAuthenticationShouldBeRefusedWithTheReasonAndTheWayToSubmit() {
        HookResult result = hook.doAuth(HookFixture.session(Optional.empty()), Username.of("alice@example.test"), "demo");

        assertRefused(result);
    }

    @Test
    void delegationShouldBeRefusedAlike() {
        assertRefused(hook.doDelegation(HookFixture.session(Optional.empty()), Username.of("support@example.test")));
    }

    private static void assertRefused(HookResult result) {
        assertThat(result.getResult()).isEqualTo(HookReturnCode.deny());
        assertThat(result.getSmtpRetCode()).isEqualTo("504");
        assertThat(result.getSmtpDescription()).startsWith("5.5.4 ").contains("submission port");
    }
}
