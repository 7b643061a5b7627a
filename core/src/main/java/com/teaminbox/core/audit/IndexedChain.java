package com.teaminbox.core.audit;

/**
 * What an {@link AuditIndex} holds of one node's chain: how many records, the first and last
 * seq, and the last seq before its first gap (every record from {@code firstSeq} to
 * {@code gaplessUpTo} is there).
 */
public record IndexedChain(long count, long firstSeq, long lastSeq, long gaplessUpTo) {
}
