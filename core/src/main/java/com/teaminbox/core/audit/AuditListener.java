package com.teaminbox.core.audit;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hears every event the trail has accepted, in the order this node accepted them. The trail is
 * the one account of what happened to a ticket (created, threaded, answered, flagged, assigned),
 * so features that react to tickets (webhooks, response times) listen here instead of adding
 * their own calls to each mailet and IMAP processor.
 *
 * <p>Called on the thread of the action that was recorded, inside its call to the trail, after
 * the record was accepted (records are written in groups, {@link AuditGroupCommit}): under
 * {@code on-failure="defer"} once the record's group is written, under {@code continue} once the
 * record is queued or written, which a failing disk may still lose (it is then counted in the
 * {@code audit-gap} record). An implementation returns quickly (hand work to its own executor)
 * and never throws; the trail
 * logs and ignores a listener that does, because the action itself already happened.
 */
public interface AuditListener {
    void recorded(AuditEvent event, Instant at);

    /**
     * The types this listener does anything with, asked once when the trail is built: the trail
     * calls it only for those, so that a record no listener needs costs its caller nothing here.
     */
    default Set<AuditEventType> heard() {
        return EnumSet.allOf(AuditEventType.class);
    }
}
