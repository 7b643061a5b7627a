package com.teaminbox.core.audit;

/** A line of an audit file is not a record of the documented schema (docs/audit.md). */
public class MalformedAuditRecordException extends IllegalArgumentException {
    public MalformedAuditRecordException(String message) {
        super(message);
    }
}
