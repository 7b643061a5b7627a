package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ImapServersCheckTest {
    @Test
    void packageOnRootShouldPass() {
        assertThat(ImapServersCheck.problems(List.of(ImapServersCheck.PACKAGE), Map.of("imapserver", List.of()))).isEmpty();
    }

    @Test
    void packageInsideServerShouldBeRefusedWithTheServerAndWhereToMoveIt() {
        Map<String, List<String>> servers = new LinkedHashMap<>();
        servers.put("imapserver", List.of(ImapServersCheck.PACKAGE));
        servers.put("imapserver-ssl", List.of());

        assertThat(ImapServersCheck.problems(List.of(), servers))
            .extracting(DeploymentProblem::toString)
            .containsExactly(
                "imapserver.xml: <imapserver> 'imapserver' contains <imapPackages>com.teaminbox.james.imap.SharedMailboxImapPackage"
                    + "</imapPackages>, which James 3.8.1 ignores there; move it to the root <imapservers> element"
                    + " (docs/deployment.md, section 5)",
                "imapserver.xml: <imapservers> has no <imapPackages>com.teaminbox.james.imap.SharedMailboxImapPackage</imapPackages>"
                    + " child: members could not open shared mailboxes; add it as the first child of the root element"
                    + " (docs/deployment.md, section 5)");
    }

    @Test
    void noImapServerShouldNeedNoPackage() {
        assertThat(ImapServersCheck.problems(List.of(), Map.of())).isEmpty();
    }
}
