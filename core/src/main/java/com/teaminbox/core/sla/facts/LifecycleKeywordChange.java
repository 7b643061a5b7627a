package com.teaminbox.core.sla.facts;

import java.util.Optional;

/**
 * What a member's STORE does to the two lifecycle keywords, {@code $Resolved} and {@code $Pending},
 * read from its {@code flags-changed} record's {@code flags} detail: {@code +names},
 * {@code -names} or {@code =names}, space separated, as the STORE audit writes it. Keywords are
 * compared without regard to case (RFC 3501 section 2.3.2). A replace ({@code =}) that names a
 * keyword sets it; one that does not name it is not read as removing it.
 *
 * <p>Most STOREs change neither ({@code \Seen}, {@code \Deleted}, a rule's own keyword): the SLA
 * listener drops their records with {@link #none()} on the recording thread, before any queue,
 * thread wake-up or mailbox read.
 */
public record LifecycleKeywordChange(Optional<Boolean> resolved, Optional<Boolean> pending) {
    private static final LifecycleKeywordChange NONE = new LifecycleKeywordChange(Optional.empty(), Optional.empty());

    /** @param flags the record's {@code flags} detail; empty or unreadable changes neither */
    public static LifecycleKeywordChange of(String flags) {
        if (flags.length() < 2) {
            return NONE;
        }
        char mode = flags.charAt(0);
        if (mode != '+' && mode != '-' && mode != '=') {
            return NONE;
        }
        boolean resolvedNamed = false;
        boolean pendingNamed = false;
        // One pass over the names, no split, no set: this runs on the IMAP thread of every STORE.
        int start = 1;
        while (start < flags.length()) {
            int end = flags.indexOf(' ', start);
            if (end < 0) {
                end = flags.length();
            }
            resolvedNamed |= names(flags, start, end, TicketFacts.RESOLVED_KEYWORD);
            pendingNamed |= names(flags, start, end, TicketFacts.PENDING_KEYWORD);
            start = end + 1;
        }
        if (!resolvedNamed && !pendingNamed) {
            return NONE;
        }
        Optional<Boolean> change = Optional.of(mode != '-');
        return new LifecycleKeywordChange(resolvedNamed ? change : Optional.empty(), pendingNamed ? change : Optional.empty());
    }

    private static boolean names(String flags, int start, int end, String keyword) {
        return end - start == keyword.length() && flags.regionMatches(true, start, keyword, 0, keyword.length());
    }

    /** True when the STORE leaves both keywords as they were. */
    public boolean none() {
        return resolved.isEmpty() && pending.isEmpty();
    }
}
