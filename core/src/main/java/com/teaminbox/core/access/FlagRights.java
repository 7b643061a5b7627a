package com.teaminbox.core.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

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
            required.add(requiredToChange(flag));
        }
        return Rights.of(required);
    }

    /**
     * The flags of an APPEND or COPY that {@code held} allows setting; the others are dropped, as
     * RFC 4314 section 4 asks ("the server SHOULD NOT set flags the user lacks rights for")
     * rather than refusing the whole message.
     */
    public static List<String> settable(Collection<String> flags, Rights held) {
        return flags.stream().filter(flag -> held.contains(requiredToChange(flag))).collect(Collectors.toList());
    }

    private static Right requiredToChange(String flag) {
        if (flag.equalsIgnoreCase(SEEN)) {
            return Right.WRITE_SEEN;
        }
        if (flag.equalsIgnoreCase(DELETED)) {
            return Right.DELETE_MESSAGES;
        }
        return Right.WRITE;
    }
}
