package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExtensionRegistrationCheckTest {
    @Test
    void moduleAndStartableAmongOthersShouldPass() {
        assertThat(ExtensionRegistrationCheck.problem(List.of(ExtensionRegistrationCheck.MODULE),
            List.of("com.example.Accounts", ExtensionRegistrationCheck.STARTABLE))).isEmpty();
    }

    @Test
    void missingStartableShouldBeRefusedNamingWhatWasFound() {
        assertThat(ExtensionRegistrationCheck.problem(List.of(ExtensionRegistrationCheck.MODULE), List.of()))
            .get().extracting(DeploymentProblem::reason).asString()
            .startsWith("must list com.teaminbox.james.SharedMailboxesModule and "
                + "com.teaminbox.james.provisioning.SharedMailboxesProvisioning (found modules "
                + "[com.teaminbox.james.SharedMailboxesModule], startables [])");
    }

    @Test
    void missingModuleShouldBeRefused() {
        assertThat(ExtensionRegistrationCheck.problem(List.of(), List.of(ExtensionRegistrationCheck.STARTABLE))).isPresent();
    }
}
