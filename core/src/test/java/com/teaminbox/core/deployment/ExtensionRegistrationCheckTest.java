package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ExtensionRegistrationCheckTest {
    @Test
    void startableAmongOthersShouldPass() {
        assertThat(ExtensionRegistrationCheck.problem(List.of("com.example.Accounts", ExtensionRegistrationCheck.STARTABLE))).isEmpty();
    }

    @Test
    void missingStartableShouldBeRefusedNamingWhatWasFound() {
        assertThat(ExtensionRegistrationCheck.problem(List.of("com.example.Accounts")))
            .get().extracting(DeploymentProblem::toString).asString()
            .startsWith("extensions.properties: guice.extension.startable must list "
                + "com.teaminbox.james.provisioning.SharedMailboxesProvisioning (found [com.example.Accounts]): ");
    }
}
