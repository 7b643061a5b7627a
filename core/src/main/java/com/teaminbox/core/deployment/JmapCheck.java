package com.teaminbox.core.deployment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * James's JMAP shows each user the folders shared with her by ACL
 * ({@code urn:apache:james:params:jmap:mail:shares}), and provisioning gives members ACL entries
 * on the shared account's folders: over JMAP a member would read and flag shared mail outside
 * our IMAP guard and with no audit record. James 3.8.1 runs JMAP when {@code jmap.properties}
 * exists and its {@code enabled} is not {@code false} (the stock file says {@code true}).
 */
public final class JmapCheck {
    public static final String FILE = "jmap.properties";

    private JmapCheck() {
    }

    /** @param enabled the {@code enabled} value of {@code jmap.properties}; empty when the file or the key is absent */
    public static List<DeploymentProblem> problems(boolean filePresent, Optional<String> enabled) {
        boolean jmapOn = filePresent && !enabled.map(value -> value.strip().toLowerCase(Locale.ROOT)).filter("false"::equals).isPresent();
        if (!jmapOn) {
            return List.of();
        }
        return List.of(new DeploymentProblem(FILE, "enabled",
            "is " + enabled.orElse("absent (James's default: on)") + ": James's JMAP would let members read and change a shared "
                + "mailbox's folders outside their role's IMAP rules and the audit trail; set enabled=false (docs/deployment.md, section 5)"));
    }
}
