package com.teaminbox.core.reports;

import java.util.Arrays;
import java.util.Optional;

/** The targets of an SLA policy, as the {@code target} detail of sla-warning and sla-breached records names them (docs/sla.md). */
public enum SlaTarget {
    FIRST_RESPONSE("first-response"),
    NEXT_RESPONSE("next-response"),
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
}
