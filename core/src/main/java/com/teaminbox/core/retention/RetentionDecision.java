package com.teaminbox.core.retention;

import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.mailbox.FolderName;

/** What retention does with one message: keep it (and why), delete it, or move it to a folder. */
public record RetentionDecision(Outcome outcome, Optional<KeepReason> keepReason, Optional<RetentionHold> hold,
                                Optional<RetentionPolicy> policy, Optional<FolderName> target) {
    public enum Outcome {
        KEEP,
        DELETE,
        MOVE
    }

    public enum KeepReason {
        /** The folder has no policy. */
        NO_POLICY("no policy"),
        /** The policy's {@code when-flag} is not on the message. */
        FLAG_MISSING("flag missing"),
        /** Younger than the mailbox's minimum-age: no policy may touch it. */
        YOUNGER_THAN_MINIMUM("younger than minimum-age"),
        /** Younger than the policy's own age. */
        NOT_OLD_ENOUGH("not old enough"),
        /** Covered by a legal hold. */
        HELD("held");

        private final String text;

        KeepReason(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    static RetentionDecision keep(KeepReason reason, Optional<RetentionPolicy> policy) {
        return new RetentionDecision(Outcome.KEEP, Optional.of(reason), Optional.empty(), policy, Optional.empty());
    }

    static RetentionDecision held(RetentionHold hold, RetentionPolicy policy) {
        return new RetentionDecision(Outcome.KEEP, Optional.of(KeepReason.HELD), Optional.of(hold), Optional.of(policy), Optional.empty());
    }

    static RetentionDecision delete(RetentionPolicy policy) {
        return new RetentionDecision(Outcome.DELETE, Optional.empty(), Optional.empty(), Optional.of(policy), Optional.empty());
    }

    static RetentionDecision move(RetentionPolicy policy, FolderName target) {
        return new RetentionDecision(Outcome.MOVE, Optional.empty(), Optional.empty(), Optional.of(policy), Optional.of(target));
    }

    /**
     * Built by {@link #keep}, {@link #held}, {@link #delete} and {@link #move}: a reason exactly when kept, a hold only when
     * {@link KeepReason#HELD}, a target exactly for {@link Outcome#MOVE}, a policy for
     * {@link Outcome#DELETE} and {@link Outcome#MOVE} (kept for {@link KeepReason#NO_POLICY}: none).
     */
    public RetentionDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(keepReason, "keepReason");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(target, "target");
        if (keepReason.isPresent() != (outcome == Outcome.KEEP) || target.isPresent() != (outcome == Outcome.MOVE)
            || hold.isPresent() != keepReason.equals(Optional.of(KeepReason.HELD))
            || policy.isEmpty() && outcome != Outcome.KEEP) {
            throw new IllegalArgumentException("inconsistent retention decision: " + outcome + ", reason " + keepReason
                + ", hold " + hold + ", policy " + policy + ", target " + target);
        }
    }

    @Override
    public String toString() {
        switch (outcome) {
            case DELETE:
                return "delete (" + policy.map(RetentionPolicy::describe).orElse("") + ")";
            case MOVE:
                return "move to " + target.map(FolderName::path).orElse("") + " (" + policy.map(RetentionPolicy::describe).orElse("") + ")";
            default:
                return "keep: " + keepReason.map(KeepReason::text).orElse("") + hold.map(value -> " by " + value.describe()).orElse("");
        }
    }
}
