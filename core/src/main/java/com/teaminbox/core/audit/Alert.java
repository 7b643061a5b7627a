package com.teaminbox.core.audit;

import java.time.Instant;
import java.util.Optional;

/** A threshold crossed: which rule, by whom (for a per-actor rule), how many records, when the window started. */
public record Alert(AlertRule rule, Optional<AuditActor> actor, int count, Instant windowStart, Instant raisedAt) {
    public String summary() {
        return "Alert '" + rule.name() + "': " + count + " " + rule.type().wireName() + " records"
            + actor.map(value -> " by " + value.name()).orElse("") + " since " + windowStart + " (threshold: more than "
            + rule.threshold() + " within " + rule.window().toMinutes() + " min)";
    }
}
