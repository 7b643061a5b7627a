package com.teaminbox.core.deployment;

import java.util.List;
import java.util.Optional;

/**
 * Our startable reads {@code shared-mailboxes.xml}, provisions accounts, folders and member ACLs
 * and runs the start checks: without it in {@code extensions.properties}, James would start with
 * our mailets and hooks in place but no shared mailbox provisioned and nothing checked. Our
 * matcher runs this check when James initialises it, so a configuration that uses our mailets
 * cannot leave the startable out.
 */
public final class ExtensionRegistrationCheck {
    public static final String FILE = "extensions.properties";
    public static final String STARTABLE = "com.teaminbox.james.provisioning.SharedMailboxesProvisioning";

    private ExtensionRegistrationCheck() {
    }

    /** @param startables {@code guice.extension.startable}, split at commas */
    public static Optional<DeploymentProblem> problem(List<String> startables) {
        if (!startables.contains(STARTABLE)) {
            return Optional.of(new DeploymentProblem(FILE, "guice.extension.startable",
                "must list " + STARTABLE + " (found " + startables + "): without it no shared mailbox is provisioned and "
                    + "nothing of this check runs; add it (docs/deployment.md, section 2; if you appended the line, check that "
                    + "the file's last line ended with a newline)"));
        }
        return Optional.empty();
    }
}
