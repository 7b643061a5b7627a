package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class JmapCheckTest {
    @Test
    void stockJmapShouldBeRefusedNamingTheFileTheKeyAndTheFix() {
        assertThat(JmapCheck.problems(true, Optional.of("true")))
            .extracting(DeploymentProblem::toString)
            .containsExactly("jmap.properties: enabled is true: James's JMAP would let members read and change a shared mailbox's "
                + "folders outside their role's IMAP rules and the audit trail; set enabled=false (docs/deployment.md, section 5)");
    }

    @Test
    void jmapWithoutAnEnabledKeyIsOnAndShouldBeRefused() {
        assertThat(JmapCheck.problems(true, Optional.empty())).hasSize(1);
    }

    @Test
    void jmapTurnedOffShouldPassInAnyCase() {
        assertThat(JmapCheck.problems(true, Optional.of(" FALSE "))).isEmpty();
    }

    @Test
    void noJmapFileShouldPass() {
        assertThat(JmapCheck.problems(false, Optional.empty())).isEmpty();
    }
}
