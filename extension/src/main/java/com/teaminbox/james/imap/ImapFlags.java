package com.teaminbox.james.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.mail.Flags;

/** javax.mail {@link Flags} to and from the IMAP names {@code FlagRights} decides on. */
final class ImapFlags {
    private static final Map<Flags.Flag, String> SYSTEM_FLAG_NAMES = Map.of(
        Flags.Flag.SEEN, "\\Seen",
        Flags.Flag.DELETED, "\\Deleted",
        Flags.Flag.ANSWERED, "\\Answered",
        Flags.Flag.FLAGGED, "\\Flagged",
        Flags.Flag.DRAFT, "\\Draft",
        Flags.Flag.RECENT, "\\Recent");

    private ImapFlags() {
    }

    static List<String> names(Flags flags) {
        List<String> names = new ArrayList<>(List.of(flags.getUserFlags()));
        for (Flags.Flag flag : flags.getSystemFlags()) {
            names.add(SYSTEM_FLAG_NAMES.get(flag));
        }
        return names;
    }

    static Flags of(List<String> names) {
        Flags flags = new Flags();
        for (String name : names) {
            SYSTEM_FLAG_NAMES.entrySet().stream()
                .filter(entry -> entry.getValue().equalsIgnoreCase(name))
                .findFirst()
                .ifPresentOrElse(entry -> flags.add(entry.getKey()), () -> flags.add(name));
        }
        return flags;
    }
}
