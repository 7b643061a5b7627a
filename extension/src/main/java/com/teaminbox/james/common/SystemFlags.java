package com.teaminbox.james.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.mail.Flags;

/**
 * The one table between javax.mail's system flags and their IMAP names (RFC 9051 §2.3.2), for
 * every feature that turns flags into the names the configuration and the audit trail use, and
 * back. Keywords ({@code $Urgent}) are user flags and pass through unchanged.
 */
public final class SystemFlags {
    private static final Map<Flags.Flag, String> NAMES = Map.of(
        Flags.Flag.SEEN, "\\Seen",
        Flags.Flag.DELETED, "\\Deleted",
        Flags.Flag.ANSWERED, "\\Answered",
        Flags.Flag.FLAGGED, "\\Flagged",
        Flags.Flag.DRAFT, "\\Draft",
        Flags.Flag.RECENT, "\\Recent");

    private SystemFlags() {
    }

    /** IMAP names of the flags: keywords as stored, then system flags spelled as RFC 9051 does. */
    public static List<String> names(Flags flags) {
        List<String> names = new ArrayList<>(List.of(flags.getUserFlags()));
        for (Flags.Flag flag : flags.getSystemFlags()) {
            names.add(NAMES.get(flag));
        }
        return names;
    }

    /** The system flag an IMAP name stands for, in any case ({@code \seen} is {@code \Seen}); empty for a keyword. */
    public static Optional<Flags.Flag> systemFlag(String name) {
        String lowered = name.toLowerCase(Locale.ROOT);
        return NAMES.entrySet().stream()
            .filter(entry -> entry.getValue().toLowerCase(Locale.ROOT).equals(lowered))
            .map(Map.Entry::getKey)
            .findFirst();
    }

    /** javax.mail flags for IMAP names: system flags by name, anything else a keyword. */
    public static Flags of(List<String> names) {
        Flags flags = new Flags();
        for (String name : names) {
            systemFlag(name).ifPresentOrElse(flags::add, () -> flags.add(name));
        }
        return flags;
    }
}
