package com.teaminbox.core.sla;

import com.teaminbox.core.audit.AuditEventType;

/** The two moments a target escalates: before it is missed ({@code warn-at}), and when it is. */
public enum SlaStage {
    WARNING("warning", AuditEventType.SLA_WARNING),
    BREACH("breach", AuditEventType.SLA_BREACHED);

    private final String wireName;
    private final AuditEventType auditType;

    SlaStage(String wireName, AuditEventType auditType) {
        this.wireName = wireName;
        this.auditType = auditType;
    }

    public String wireName() {
        return wireName;
    }

    public AuditEventType auditType() {
        return auditType;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
