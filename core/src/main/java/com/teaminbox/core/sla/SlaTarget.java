package com.teaminbox.core.sla;

import java.util.Arrays;
import java.util.Optional;

/** A response-time target of an SLA policy; the wire name is the {@code target} detail of sla-warning/sla-breached records. */
public enum SlaTarget {
    /** From the ticket's first customer mail to the first member reply. */
    FIRST_RESPONSE("first-response"),
    /** From a customer mail that waits (after the first reply) to the next member reply. */
    NEXT_RESPONSE("next-response"),
    /** From the opening (or the last reopening) to {@code $Resolved}. */
    RESOLUTION("resolution");

    private final String wireName;

    SlaTarget(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<SlaTarget> fromWireName(String name) {
        return Arrays.stream(values()).filter(target -> target.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
