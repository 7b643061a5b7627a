package com.teaminbox.core.audit;

/**
 * Where every decision and member action goes. Implementations append a tamper-evident record
 * (see docs/audit.md); a caller that must not proceed without its record (SMTP acceptance, an
 * IMAP change) lets {@link AuditUnavailableException} turn into a temporary refusal.
 */
public interface AuditTrail {
    /**
     * Appends one record, durably enough that a crash afterwards keeps it.
     *
     * @throws AuditUnavailableException when the trail cannot be written and the failure policy
     *     is {@code defer}: the caller must refuse temporarily what it was about to do
     */
    void record(AuditEvent event);

    /**
     * Whether the trail is in an outage: a write failed and none has got through since. Meanwhile a
     * record may wait for the storage to be opened again and for an alert to go out, so a caller on
     * a thread that serves other connections (James's IMAP I/O threads) records from another thread.
     */
    default boolean inOutage() {
        return false;
    }
}
