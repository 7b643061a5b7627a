package com.teaminbox.core.audit;

/**
 * The audit trail cannot be written. Storage throws it whatever the failure policy; the server's
 * trail lets it reach the caller only under {@code on-failure="defer"}, where the action must wait.
 */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
