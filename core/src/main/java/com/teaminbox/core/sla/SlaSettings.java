package com.teaminbox.core.sla;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.teaminbox.core.autoreply.BusinessHours;

/**
 * The {@code <sla>} of a shared mailbox: its policies in order and the calendar they count in
 * (the acknowledgement's business hours). {@link #NONE} watches nothing.
 */
public record SlaSettings(List<SlaPolicy> policies, BusinessHours calendar) {
    public static final SlaSettings NONE = new SlaSettings(List.of(), BusinessHours.ALWAYS_OPEN);

    public SlaSettings {
        policies = List.copyOf(policies);
        Objects.requireNonNull(calendar, "calendar");
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /** The first policy whose rule matched the ticket's mail, else the default policy, else none. */
    public Optional<SlaPolicy> policyFor(Set<String> matchedRules) {
        return policies.stream().filter(policy -> policy.rule().filter(matchedRules::contains).isPresent()).findFirst()
            .or(() -> policies.stream().filter(SlaPolicy::isDefault).findFirst());
    }

    public Optional<SlaPolicy> policy(String name) {
        return policies.stream().filter(policy -> policy.name().equals(name)).findFirst();
    }
}
