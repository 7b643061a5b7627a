package com.teaminbox.core.outgoing;

import java.util.Objects;
import java.util.Optional;

/**
 * A shared mailbox's care for what members send as it: the data-loss checks ({@code <data-loss>})
 * and the collision guard ({@code <collision-guard>}); both off unless configured.
 */
public record OutgoingCare(DataLossSettings dataLoss, Optional<CollisionGuardSettings> collisionGuard) {
    public static final OutgoingCare NONE = new OutgoingCare(DataLossSettings.NONE, Optional.empty());

    public OutgoingCare {
        Objects.requireNonNull(dataLoss, "dataLoss");
        Objects.requireNonNull(collisionGuard, "collisionGuard");
    }

    public boolean isEnabled() {
        return dataLoss.isEnabled() || collisionGuard.isPresent();
    }
}
