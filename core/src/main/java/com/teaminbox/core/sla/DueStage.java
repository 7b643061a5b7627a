package com.teaminbox.core.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage of a target whose time has come: fire it once per ticket, cluster-wide, under {@link #key()}.
 *
 * @param cycleStart when the clock of this target started (the customer mail, the opening or reopening):
 *                   each next-response wait escalates on its own
 * @param targetDue when the whole target is missed (the {@code due} detail of both stages)
 * @param met when the target was met or the ticket resolved after the stage was due: recorded, nobody to warn
 */
public record DueStage(String ticket, SlaPolicy policy, SlaTarget target, SlaStage stage, Instant cycleStart, Instant stageDue,
                       Instant targetDue, Optional<Instant> met) {
    public DueStage {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(met, "met");
    }

    /** One key per ticket, target, stage and wait: what "once" means. */
    public String key() {
        return ticket + " " + target.wireName() + " " + stage.wireName() + " " + cycleStart.toEpochMilli();
    }

    /** Whether the actions still make sense: the target is still open. */
    public boolean isLive() {
        return met.isEmpty();
    }
}
