package com.teaminbox.core.autoreply;

import java.util.Objects;
import java.util.Optional;

/** Reply, or suppress with a reason and the offending value (for the log line, never a body). */
public final class AutoResponseDecision {
    private static final AutoResponseDecision REPLY = new AutoResponseDecision(Optional.empty(), "");

    private final Optional<SuppressionReason> reason;
    private final String detail;

    private AutoResponseDecision(Optional<SuppressionReason> reason, String detail) {
        this.reason = reason;
        this.detail = detail;
    }

    public static AutoResponseDecision reply() {
        return REPLY;
    }

    public static AutoResponseDecision suppress(SuppressionReason reason, String detail) {
        return new AutoResponseDecision(Optional.of(reason), Objects.requireNonNull(detail, "detail"));
    }

    public boolean shouldReply() {
        return reason.isEmpty();
    }

    public Optional<SuppressionReason> reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AutoResponseDecision)) {
            return false;
        }
        AutoResponseDecision that = (AutoResponseDecision) o;
        return reason.equals(that.reason) && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, detail);
    }

    @Override
    public String toString() {
        // The audit record's reason of every suppressed acknowledgement: no Optional.map lambda per mail.
        if (reason.isEmpty()) {
            return "reply";
        }
        SuppressionReason value = reason.get();
        return "suppress " + value + " (" + detail + "): " + value.description();
    }
}
