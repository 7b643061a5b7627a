package com.teaminbox.core.audit;

import java.util.Arrays;
import java.util.Optional;

/** What happens when the audit trail cannot be written (disk full, permission denied). */
public enum AuditFailurePolicy {
    /**
     * The action waits: SMTP answers 451 (the sender retries, nothing is lost), a member's IMAP
     * change is refused, a mail already in the pipeline goes to the error repository.
     */
    DEFER("defer"),
    /** Mail flows and members work; an alert, a metric and an {@code audit-gap} record mark the gap. */
    CONTINUE("continue");

    private final String xmlName;

    AuditFailurePolicy(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Optional<AuditFailurePolicy> fromXmlName(String name) {
        return Arrays.stream(values()).filter(policy -> policy.xmlName.equals(name)).findFirst();
    }
}
