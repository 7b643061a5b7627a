package com.teaminbox.james.audit;

import java.time.Instant;
import java.util.Optional;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;

/**
 * Counts the records storage could not take during an outage (lost under {@code continue}; under
 * {@code defer}, those of refusals and of deferred actions), to be recorded once it works again.
 */
final class AuditGap {
    private long lost;
    private Instant since;
    private String cause = "";
    /** Read by every record without the lock: a gap is rare, the check is not. */
    private volatile boolean gapOpen;

    /** Counts one lost record; true for the first of a gap, so that one alert goes out per gap. */
    synchronized boolean open(Instant now, String failure) {
        lost++;
        if (since == null) {
            since = now;
            cause = failure;
            gapOpen = true;
            return true;
        }
        return false;
    }

    boolean isOpen() {
        return gapOpen;
    }

    /** The {@code audit-gap} record of the gap that just ended, if there was one. */
    synchronized Optional<AuditEvent> closeIfOpen(Instant now) {
        if (since == null) {
            return Optional.empty();
        }
        AuditEvent event = AuditEvent.of(AuditEventType.AUDIT_GAP, AuditActor.system())
            .decision("records-lost")
            .reason(cause)
            .detail("lost", lost)
            .detail("from", since.toString())
            .detail("until", now.toString())
            .build();
        since = null;
        gapOpen = false;
        lost = 0;
        cause = "";
        return Optional.of(event);
    }
}
