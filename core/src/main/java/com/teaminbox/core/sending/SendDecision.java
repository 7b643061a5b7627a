package com.teaminbox.core.sending;

import java.util.Objects;
import java.util.Optional;

/** What {@link SendRules} says about one submitted mail: not our business, accepted, or refused with a reason. */
public final class SendDecision {
    public enum Outcome {
        /** No shared address is involved: James's own checks apply, ours have nothing to say. */
        NO_SHARED_ADDRESS,
        ACCEPTED,
        REFUSED
    }

    private static final SendDecision NO_SHARED_ADDRESS = new SendDecision(Outcome.NO_SHARED_ADDRESS, Optional.empty());
    private static final SendDecision ACCEPTED = new SendDecision(Outcome.ACCEPTED, Optional.empty());

    private final Outcome outcome;
    private final Optional<String> reason;

    private SendDecision(Outcome outcome, Optional<String> reason) {
        this.outcome = outcome;
        this.reason = reason;
    }

    public static SendDecision noSharedAddress() {
        return NO_SHARED_ADDRESS;
    }

    public static SendDecision accepted() {
        return ACCEPTED;
    }

    /** @param reason one sentence for the SMTP reply, naming the member and the shared address */
    public static SendDecision refused(String reason) {
        return new SendDecision(Outcome.REFUSED, Optional.of(Objects.requireNonNull(reason, "reason")));
    }

    public Outcome outcome() {
        return outcome;
    }

    public boolean isRefused() {
        return outcome == Outcome.REFUSED;
    }

    /** Present exactly when refused. */
    public Optional<String> reason() {
        return reason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SendDecision)) {
            return false;
        }
        SendDecision that = (SendDecision) o;
        return outcome == that.outcome && reason.equals(that.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(outcome, reason);
    }

    @Override
    public String toString() {
        return reason.map(text -> outcome + ": " + text).orElse(outcome.name());
    }
}
