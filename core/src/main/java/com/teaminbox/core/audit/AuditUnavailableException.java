package com.teaminbox.core.audit;

/** The audit trail cannot be written and the failure policy says the action must wait. */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
