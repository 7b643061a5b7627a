package com.teaminbox.core.deployment;

import java.util.List;
import java.util.Optional;

/**
 * Our startable reads {@code shared-mailboxes.xml}, provisions accounts, folders and member ACLs
 * and runs these checks: without it in {@code extensions.properties}, James would start with our
 * mailets and hooks in place but no shared mailbox provisioned and nothing checked.
 */
public final class ExtensionRegistrationCheck {
    public static final String FILE = "extensions.properties";
    public static final String STARTABLE = "com.teaminbox.james.provisioning.SharedMailboxesProvisioning";
    public static final String MODULE = "com.teaminbox.james.SharedMailboxesModule";

    private ExtensionRegistrationCheck() {
    }

    /**
     * @param modules    {@code guice.extension.module}, split at commas
     * @param startables {@code guice.extension.startable}, split at commas
     */
    public static Optional<DeploymentProblem> problem(List<String> modules, List<String> startables) {
        if (!startables.contains(STARTABLE) || !modules.contains(MODULE)) {
            return Optional.of(new DeploymentProblem(FILE, "guice.extension.module / guice.extension.startable",
                "must list " + MODULE + " and " + STARTABLE + " (found modules " + modules + ", startables " + startables
                    + "); without them no shared mailbox is provisioned or checked (docs/deployment.md, section 2; if you "
                    + "appended the lines, check that the file's last line ended with a newline)"));
        }
        return Optional.empty();
    }
}
