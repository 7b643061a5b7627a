package com.teaminbox.core.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Members open a shared mailbox only through our IMAP package, and James 3.8.1 reads
 * {@code <imapPackages>} only as a child of the root {@code <imapservers>}
 * ({@code IMAPServerModule}); inside an {@code <imapserver>} it is silently ignored, and members
 * then get {@code NO AUTHENTICATE failed} with no hint why.
 */
public final class ImapServersCheck {
    public static final String FILE = "imapserver.xml";
    public static final String PACKAGE = "com.teaminbox.james.imap.SharedMailboxImapPackage";
    private static final String FIX = " (docs/deployment.md, section 5)";

    private ImapServersCheck() {
    }

    /**
     * @param rootPackages    the {@code <imapPackages>} children of the root element
     * @param packagesByServer each enabled server's name (jmxName) to the {@code <imapPackages>} written inside it
     */
    public static List<DeploymentProblem> problems(List<String> rootPackages, Map<String, List<String>> packagesByServer) {
        List<DeploymentProblem> problems = new ArrayList<>();
        packagesByServer.forEach((server, packages) -> {
            if (!packages.isEmpty()) {
                problems.add(new DeploymentProblem(FILE, "<imapserver> '" + server + "'",
                    "contains <imapPackages>" + String.join(",", packages) + "</imapPackages>, which James 3.8.1 ignores there; "
                        + "move it to the root <imapservers> element" + FIX));
            }
        });
        if (!packagesByServer.isEmpty() && !rootPackages.contains(PACKAGE)) {
            problems.add(new DeploymentProblem(FILE, "<imapservers>",
                "has no <imapPackages>" + PACKAGE + "</imapPackages> child: members could not open shared mailboxes; add it as "
                    + "the first child of the root element" + FIX));
        }
        return problems;
    }
}
