package com.teaminbox.core.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * Raise an alert when more than {@code threshold} records of {@code type} happen within
 * {@code window} — counted per actor ("more than 50 expunges by one member in 10 minutes") or
 * over everyone ("more than 20 refused logins in 5 minutes").
 * <pre>{@code <alert name="mass-expunge" event="messages-expunged" more-than="50" within="10m" per-actor="true"/>}</pre>
 */
public record AlertRule(String name, AuditEventType type, int threshold, Duration window, boolean perActor) {
    public AlertRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(window, "window");
        if (threshold < 0) {
            throw new IllegalArgumentException("more-than must be 0 or more, was " + threshold);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("within must be a positive duration, was " + window);
        }
    }

    @Override
    public String toString() {
        return name + ": more than " + threshold + " " + type + " within " + window + (perActor ? " by one actor" : "");
    }
}
