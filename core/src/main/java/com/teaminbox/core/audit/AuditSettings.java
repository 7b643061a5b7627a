package com.teaminbox.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/**
 * The {@code <audit>} element of shared-mailboxes.xml; every attribute has a default, so that a
 * file without it still audits everything under {@code var/audit/}.
 * <pre>{@code
 * <audit directory="var/audit" node="james-1" on-failure="defer" read-access="true" max-file-size="64MB">
 *   <alerts to="postmaster@example.test">
 *     <alert name="mass-expunge" event="messages-expunged" more-than="50" within="10m" per-actor="true"/>
 *   </alerts>
 * </audit>
 * }</pre>
 */
public record AuditSettings(String directory, Optional<String> node, AuditFailurePolicy onFailure, boolean readAccess,
                            long maxFileBytes, List<MailAddress> alertRecipients, List<AlertRule> alerts) {
    public static final String DEFAULT_DIRECTORY = "var/audit";
    public static final long DEFAULT_MAX_FILE_BYTES = 64L * 1024 * 1024;
    public static final AuditSettings DEFAULT = new AuditSettings(DEFAULT_DIRECTORY, Optional.empty(), AuditFailurePolicy.DEFER,
        true, DEFAULT_MAX_FILE_BYTES, List.of(), List.of());

    public AuditSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(onFailure, "onFailure");
        alertRecipients = List.copyOf(alertRecipients);
        alerts = List.copyOf(alerts);
    }
}
