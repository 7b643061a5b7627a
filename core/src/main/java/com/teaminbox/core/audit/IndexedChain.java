package com.teaminbox.core.audit;

/** What an {@link AuditIndex} holds of one node's chain: how many records, the first and last seq. */
public record IndexedChain(long count, long firstSeq, long lastSeq) {
    static IndexedChain of(long seq) {
        return new IndexedChain(1, seq, seq);
    }

    IndexedChain merge(IndexedChain other) {
        return new IndexedChain(count + other.count, Math.min(firstSeq, other.firstSeq), Math.max(lastSeq, other.lastSeq));
    }

    /** True when the index holds every record from {@code firstSeq} to {@code lastSeq}, once each. */
    boolean gapless() {
        return count == lastSeq - firstSeq + 1;
    }
}
