package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;

class OutgoingCareCheckTest {
    private static final String CORE = "org.apache.james.smtpserver.CoreCmdHandlerLoader";

    private static SharedMailboxesConfiguration configuration(String care) {
        String xml = "<shared-mailboxes>\n  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n" + care
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x.xml");
    }

    private static SmtpServerSetup submission(List<String> handlers) {
        return new SmtpServerSetup("smtpserver-authenticated", "0.0.0.0:587", true, true, handlers);
    }

    @Test
    void serverWithoutTheHookShouldBeRefusedWhenAMailboxHasOutgoingCare() {
        List<DeploymentProblem> problems = OutgoingCareCheck.problems(List.of(submission(List.of(CORE))),
            configuration("    <collision-guard/>\n"));

        assertThat(problems).singleElement().satisfies(problem -> assertThat(problem.toString())
            .contains("smtpserver-authenticated").contains("lacks " + OutgoingCareCheck.HOOK).contains("support@example.test"));
    }

    @Test
    void serverWithTheHookShouldPass() {
        assertThat(OutgoingCareCheck.problems(List.of(submission(List.of(OutgoingCareCheck.HOOK, CORE))),
            configuration("    <collision-guard/>\n"))).isEmpty();
    }

    @Test
    void hookShouldNotBeRequiredWithoutOutgoingCare() {
        assertThat(OutgoingCareCheck.problems(List.of(submission(List.of(CORE))), configuration(""))).isEmpty();
    }

    @Test
    void serverRefusingAuthShouldNotNeedTheHook() {
        SmtpServerSetup incoming = new SmtpServerSetup("smtpserver-global", "0.0.0.0:25", false, true,
            List.of(SmtpServersCheck.REFUSE_AUTHENTICATION_HOOK, CORE));

        assertThat(OutgoingCareCheck.problems(List.of(incoming), configuration("    <collision-guard/>\n"))).isEmpty();
    }
}
