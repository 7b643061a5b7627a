package com.teaminbox.core.retention;

import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.mailbox.FolderName;

/** What retention does with one message: keep it (and why), delete it, or move it to a folder. */
public final class RetentionDecision {
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

    private final Outcome outcome;
    private final Optional<KeepReason> keepReason;
    private final Optional<RetentionHold> hold;
    private final Optional<RetentionPolicy> policy;
    private final Optional<FolderName> target;

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

    private RetentionDecision(Outcome outcome, Optional<KeepReason> keepReason, Optional<RetentionHold> hold,
                              Optional<RetentionPolicy> policy, Optional<FolderName> target) {
        this.outcome = outcome;
        this.keepReason = keepReason;
        this.hold = hold;
        this.policy = policy;
        this.target = target;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Optional<KeepReason> keepReason() {
        return keepReason;
    }

    /** The hold that keeps the message, when {@link KeepReason#HELD}. */
    public Optional<RetentionHold> hold() {
        return hold;
    }

    /** The folder's policy; empty only for {@link KeepReason#NO_POLICY}. */
    public Optional<RetentionPolicy> policy() {
        return policy;
    }

    /** The folder to move to, for {@link Outcome#MOVE}. */
    public Optional<FolderName> target() {
        return target;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetentionDecision)) {
            return false;
        }
        RetentionDecision that = (RetentionDecision) o;
        return outcome == that.outcome && keepReason.equals(that.keepReason) && hold.equals(that.hold)
            && policy.equals(that.policy) && target.equals(that.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, keepReason, hold, policy, target);
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
