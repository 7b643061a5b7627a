package com.teaminbox.james.imap;

import java.util.List;

import javax.mail.Flags;

import com.teaminbox.james.common.SystemFlags;

/** javax.mail {@link Flags} to and from the IMAP names {@code FlagRights} decides on: {@link SystemFlags}' table. */
final class ImapFlags {
    private ImapFlags() {
    }

    static List<String> names(Flags flags) {
        return SystemFlags.names(flags);
    }

    static Flags of(List<String> names) {
        return SystemFlags.of(names);
    }
}
