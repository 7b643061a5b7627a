package com.teaminbox.core.audit;

import java.util.Optional;

/**
 * What an {@link AuditIndex} holds of one node's chain: how many documents ({@code count}) and
 * how many seqs among them ({@code distinct}: fewer when a record is held twice), the first and
 * last seq, and which seqs between them when some are missing ({@code present}; empty when every
 * seq from the first to the last is there).
 */
public record IndexedChain(long count, long distinct, long firstSeq, long lastSeq, Optional<SeqSet> present) {
    /** Whether some record is held more than once (no catch-up adds one twice: an index made otherwise). */
    public boolean holdsARecordTwice() {
        return count > distinct;
    }

    /**
     * The last seq of the run of records held from {@code from} on: every seq from {@code from}
     * to it is there ({@code from - 1} when {@code from} itself is missing; {@code lastSeq} when
     * {@code from} is past it).
     */
    public long gaplessFrom(long from) {
        if (from < firstSeq) {
            throw new IllegalArgumentException("Seq " + from + " is before the chain's first, " + firstSeq);
        }
        if (from > lastSeq || present.isEmpty()) {
            return lastSeq;
        }
        return present.get().absentFrom(from) - 1;
    }

    /** Whether the index holds the record numbered {@code seq}. */
    public boolean holds(long seq) {
        if (seq < firstSeq || seq > lastSeq) {
            return false;
        }
        return present.isEmpty() || present.get().contains(seq);
    }
}
