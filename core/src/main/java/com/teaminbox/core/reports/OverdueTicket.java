package com.teaminbox.core.reports;

import java.time.Instant;
import java.util.Optional;

import com.teaminbox.core.sla.SlaTarget;

/**
 * A ticket past an SLA target at the report's end: which target, when the breach was recorded,
 * the due time and policy the sla-breached record named, and whether it now waits on the customer.
 */
public record OverdueTicket(String ticket, Instant opened, SlaTarget target, Instant breachedAt, Optional<String> due,
                            Optional<String> policy, boolean pending) {
}
