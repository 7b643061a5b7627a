package com.teaminbox.core.audit;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Seqs of one node, each held once, in memory that follows how many there are, not how high they
 * go: seqs are never reset, so a busy node's pass 2^31, and a trail whose older files were archived
 * starts high. A seq is one bit counted from a base, the first seq added (or the lowest, when the
 * caller knows it), as long as it is not below the base nor farther above it than eight bits per
 * seq held (at least {@value #MIN_SPAN} bits); any other (a line whose seq is far off, a file
 * read out of order) is kept apart, one entry each. Not thread-safe.
 */
final class SeqSet {
    /** The bits allowed above the base however few seqs are held: 8 KB. */
    static final long MIN_SPAN = 1L << 16;

    private final BitSet bits = new BitSet();
    private final Set<Long> apart = new HashSet<>();
    private final long expected;
    private long base;
    private boolean based;
    private long size;

    /** Based at the first seq added. */
    SeqSet() {
        this.expected = 0;
    }

    /** Based at {@code base}, for about {@code expected} seqs from it (bits up to eight times as many are allowed from the start). */
    SeqSet(long base, long expected) {
        this.base = base;
        this.based = true;
        this.expected = expected;
    }

    /** Adds the seq; false when it was held already. */
    boolean add(long seq) {
        if (!based) {
            base = seq;
            based = true;
        }
        if (contains(seq)) {
            return false;
        }
        long offset = seq - base;
        if (offset >= 0 && offset < span()) {
            bits.set((int) offset);
        } else {
            apart.add(seq);
        }
        size++;
        return true;
    }

    /** How far above the base a seq may be a bit: grows with the seqs held, never past an int. */
    private long span() {
        long held = Math.max(size, expected);
        long span = held > Integer.MAX_VALUE / 8 ? Integer.MAX_VALUE : Math.max(MIN_SPAN, 8 * held);
        return Math.min(span, Integer.MAX_VALUE);
    }

    boolean contains(long seq) {
        if (based) {
            long offset = seq - base;
            if (offset >= 0 && offset < Integer.MAX_VALUE && bits.get((int) offset)) {
                return true;
            }
        }
        return !apart.isEmpty() && apart.contains(seq);
    }

    /** The first seq from {@code from} on that is not held. */
    long absentFrom(long from) {
        long seq = from;
        while (true) {
            long offset = seq - base;
            if (based && offset >= 0 && offset < Integer.MAX_VALUE) {
                seq = base + bits.nextClearBit((int) offset);
            }
            if (apart.isEmpty() || !apart.contains(seq)) {
                return seq;
            }
            seq++;
        }
    }

    /** How many seqs are held. */
    long size() {
        return size;
    }

    /** The bits allocated (for tests: they follow the seqs held, not their value). */
    long allocatedBits() {
        return bits.size();
    }

    /** How many seqs are kept apart from the bits. */
    int apart() {
        return apart.size();
    }

    @Override
    public String toString() {
        return "SeqSet[" + size + " seqs from " + base + ", " + apart.size() + " apart]";
    }
}
