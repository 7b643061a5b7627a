package com.teaminbox.core.ticket;

import java.util.Objects;
import java.util.Optional;

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

    /** Reads our own {@code X-Ticket} header value, {@code SUP-1042}; anything else, or another prefix, is empty. */
    public static Optional<TicketId> parse(String value, TicketPrefix expectedPrefix) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.strip();
        String prefix = expectedPrefix.value();
        if (!text.startsWith(prefix) || text.length() <= prefix.length() || text.charAt(prefix.length()) != '-') {
            return Optional.empty();
        }
        String digits = text.substring(prefix.length() + 1);
        if (digits.isEmpty() || digits.length() > TicketTagFormat.MAX_NUMBER_DIGITS || !allDigits(digits)) {
            return Optional.empty();
        }
        long number = Long.parseLong(digits);
        return number > 0 ? Optional.of(new TicketId(expectedPrefix, number)) : Optional.empty();
    }

    /**
     * Character.isDigit for each character, as Long.parseLong reads them (other scripts' digits
     * included), in a loop: read on every mail of a ticket, where a stream per value showed in profiles.
     */
    private static boolean allDigits(String text) {
        for (int index = 0; index < text.length(); index++) {
            if (!Character.isDigit(text.charAt(index))) {
                return false;
            }
        }
        return true;
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
