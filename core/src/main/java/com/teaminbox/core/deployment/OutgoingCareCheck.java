package com.teaminbox.core.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * Where a shared mailbox has outgoing care ({@code <data-loss>}, {@code <collision-guard>}), every
 * SMTP server where AUTH can succeed must run {@link #HOOK}: otherwise a member could send past the
 * checks by choosing another port (RELIABILITY.md, "no side door"). Required only then, so that a
 * deployment without outgoing care needs no change.
 */
public final class OutgoingCareCheck {
    public static final String HOOK = "com.teaminbox.james.smtp.OutgoingCareHook";

    private OutgoingCareCheck() {
    }

    public static List<DeploymentProblem> problems(List<SmtpServerSetup> servers, SharedMailboxesConfiguration configuration) {
        List<String> cared = configuration.sharedMailboxes().stream()
            .filter(sharedMailbox -> sharedMailbox.outgoingCare().isEnabled())
            .map(SharedMailbox::address)
            .map(address -> address.asString())
            .collect(Collectors.toList());
        List<DeploymentProblem> problems = new ArrayList<>();
        if (cared.isEmpty()) {
            return problems;
        }
        for (SmtpServerSetup server : servers) {
            boolean authCanSucceed = server.authMechanisms() && !server.handlers().contains(SmtpServersCheck.REFUSE_AUTHENTICATION_HOOK);
            if (authCanSucceed && !server.handlers().contains(HOOK)) {
                problems.add(new DeploymentProblem(SmtpServersCheck.FILE, server.describe(),
                    "accepts AUTH but its handlerchain lacks " + HOOK + ", while shared-mailboxes.xml gives "
                        + String.join(", ", cared) + " data-loss checks or a collision guard: members could send past them here; "
                        + "add it before CoreCmdHandlerLoader (docs/outgoing.md)"));
            }
        }
        return problems;
    }
}
