package com.teaminbox.core.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A period a ticket waited on the customer ({@code $Pending}): its clocks stop; open-ended while it still waits. */
public record Pause(Instant from, Optional<Instant> to) {
    public Pause {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isPresent() && to.get().isBefore(from)) {
            throw new IllegalArgumentException("a pause ends at " + to.get() + " before it starts at " + from);
        }
    }

    public static Pause since(Instant from) {
        return new Pause(from, Optional.empty());
    }

    public static Pause between(Instant from, Instant to) {
        return new Pause(from, Optional.of(to));
    }

    boolean isOpen() {
        return to.isEmpty();
    }
}
