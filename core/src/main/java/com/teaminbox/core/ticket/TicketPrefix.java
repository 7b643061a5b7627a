package com.teaminbox.core.ticket;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The letters before a ticket number, {@code SUP} in {@code [SUP-1042]}: an upper-case letter
 * followed by 1 to 9 upper-case letters or digits. Short and plain on purpose, so that a tag
 * survives every mail client and is easy to search for.
 */
public final class TicketPrefix {
    private static final Pattern VALID = Pattern.compile("[A-Z][A-Z0-9]{1,9}");

    private final String value;

    public static TicketPrefix of(String value) {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("ticket prefix '" + value
                + "' is invalid; use 2 to 10 upper-case letters or digits starting with a letter, such as SUP");
        }
        return new TicketPrefix(value);
    }

    private TicketPrefix(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicketPrefix && value.equals(((TicketPrefix) o).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
