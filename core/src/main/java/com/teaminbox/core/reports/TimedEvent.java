package com.teaminbox.core.reports;

import java.time.Instant;
import java.util.Objects;

import com.teaminbox.core.audit.AuditEvent;

/** One audit event and when the trail kept it: the input of {@link TicketReports}. */
public record TimedEvent(Instant at, AuditEvent event) {
    public TimedEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }
}
