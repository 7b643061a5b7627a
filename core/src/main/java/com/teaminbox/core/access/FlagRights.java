package com.teaminbox.core.access;

import java.util.Collection;
import java.util.EnumSet;

/**
 * Which right changing a flag needs (RFC 4314 section 4): {@code \Seen} needs {@code s},
 * {@code \Deleted} needs {@code t}, every other flag and keyword needs {@code w}.
 */
public final class FlagRights {
    public static final String SEEN = "\\Seen";
    public static final String DELETED = "\\Deleted";

    private FlagRights() {
    }

    /** @param flags IMAP flag names ({@code \Seen}, {@code \Flagged}) and keywords, as a client sends them */
    public static Rights requiredToChange(Collection<String> flags) {
        EnumSet<Right> required = EnumSet.noneOf(Right.class);
        for (String flag : flags) {
            if (flag.equalsIgnoreCase(SEEN)) {
                required.add(Right.WRITE_SEEN);
            } else if (flag.equalsIgnoreCase(DELETED)) {
                required.add(Right.DELETE_MESSAGES);
            } else {
                required.add(Right.WRITE);
            }
        }
        return Rights.of(required);
    }
}
