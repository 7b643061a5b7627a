package com.teaminbox.core.ticket;

import java.util.Objects;

/** One ticket of one shared mailbox: {@code SUP-1042}. Numbers start at 1. */
public final class TicketId {
    private final TicketPrefix prefix;
    private final long number;

    public static TicketId of(TicketPrefix prefix, long number) {
        if (number < 1) {
            throw new IllegalArgumentException("ticket number must be positive, got " + number);
        }
        return new TicketId(prefix, number);
    }

    private TicketId(TicketPrefix prefix, long number) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.number = number;
    }

    public TicketPrefix prefix() {
        return prefix;
    }

    public long number() {
        return number;
    }

    /** The form put in subjects: {@code [SUP-1042]}. */
    public String tag() {
        return "[" + this + "]";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TicketId)) {
            return false;
        }
        TicketId that = (TicketId) o;
        return number == that.number && prefix.equals(that.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, number);
    }

    @Override
    public String toString() {
        return prefix.value() + "-" + number;
    }
}
