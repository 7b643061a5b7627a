package com.teaminbox.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one thread remembers of the words of one free-text field ({@link TextWords}): per word as
 * written, the rules' term it is (its number, {@link RuleVocabulary.Word#id()}) or none, and its
 * analysed form. Laid out for a look-up per word of every mail with the CPU caches cold, as in the
 * server: one {@code long} slot (the word's hash and where it is) and the word itself, its term's
 * number before its characters, in one array of characters; a map of {@code char[]} keys to value
 * objects touched four or five separate places of memory per word. Not thread-safe.
 */
final class WordMemory {
    /** What {@link #find} answers for a word not remembered. */
    static final int UNKNOWN = -1;
    /** What {@link #word} answers for a word that is no term of the rules. */
    static final int NO_WORD = -1;
    /** Characters before a word's own in {@link #pool}: its length, its term's number + 1 and its entry, two characters each. */
    private static final int HEADER = 5;

    /** Open addressing, a power of two: 0 for an empty slot, else the hash in the high half and 1 + the word's place. */
    private long[] slots = new long[2_048];
    private int used;
    /** Each remembered word: its header, then its characters. */
    private char[] pool = new char[16_384];
    private int poolSize;
    /** Each remembered word's analysed form, by entry (read only when a mail is kept for an index). */
    private final List<char[]> terms = new ArrayList<>();

    /** Where the word is remembered, for {@link #word} and {@link #term}, or {@link #UNKNOWN}. */
    int find(char[] buffer, int offset, int length) {
        return find(buffer, offset, length, AsciiWordTokenizer.NO_HASH);
    }

    /**
     * As {@link #find(char[], int, int)}, given the word's {@link #mixed} hash when the tokenizer computed
     * it while cutting the word ({@link AsciiWordTokenizer#hash()}), or {@link AsciiWordTokenizer#NO_HASH}.
     */
    int find(char[] buffer, int offset, int length, int knownHash) {
        int hash = knownHash != AsciiWordTokenizer.NO_HASH ? knownHash : hash(buffer, offset, length);
        long[] table = slots;
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            long entry = table[slot];
            if (entry == 0) {
                return UNKNOWN;
            }
            if ((int) (entry >>> 32) == hash) {
                int at = (int) entry - 1;
                if (sameWord(at, buffer, offset, length)) {
                    return at;
                }
            }
        }
    }

    /** Remembers a word not remembered yet, with its analysed form and its term's number ({@link #NO_WORD}: none); where it is. */
    int remember(char[] buffer, int offset, int length, char[] term, int word) {
        if (poolSize + HEADER + length > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + HEADER + length));
        }
        int at = poolSize;
        int entry = terms.size();
        pool[at] = (char) length;
        pool[at + 1] = (char) ((word + 1) >>> 16);
        pool[at + 2] = (char) (word + 1);
        pool[at + 3] = (char) (entry >>> 16);
        pool[at + 4] = (char) entry;
        System.arraycopy(buffer, offset, pool, at + HEADER, length);
        poolSize += HEADER + length;
        terms.add(term);
        if (2 * (used + 1) > slots.length) {
            grow();
        }
        put(hash(buffer, offset, length), at);
        return at;
    }

    /** The term's number of the word remembered {@code at}, or {@link #NO_WORD}. */
    int word(int at) {
        return ((pool[at + 1] << 16) | pool[at + 2]) - 1;
    }

    /** The analysed form of the word remembered {@code at}: never changed. */
    char[] term(int at) {
        return terms.get((pool[at + 3] << 16) | pool[at + 4]);
    }

    /** Forgets every word. */
    void clear() {
        Arrays.fill(slots, 0);
        used = 0;
        poolSize = 0;
        terms.clear();
    }

    private boolean sameWord(int at, char[] buffer, int offset, int length) {
        char[] chars = pool;
        if (chars[at] != length) {
            return false;
        }
        int start = at + HEADER;
        for (int index = 0; index < length; index++) {
            if (chars[start + index] != buffer[offset + index]) {
                return false;
            }
        }
        return true;
    }

    private void put(int hash, int at) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = ((long) hash << 32) | (at + 1L);
        used++;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        used = 0;
        for (long entry : old) {
            if (entry != 0) {
                put((int) (entry >>> 32), (int) entry - 1);
            }
        }
    }

    /** A hash whose low bits spread: the table is indexed by them. Never {@link AsciiWordTokenizer#NO_HASH}. */
    static int hash(char[] buffer, int offset, int length) {
        int hash = 0;
        for (int index = offset; index < offset + length; index++) {
            hash = 31 * hash + buffer[index];
        }
        return mixed(hash);
    }

    /** The hash of a word from its {@code 31 * h + c} sum over its characters. */
    static int mixed(int sum) {
        int hash = sum ^ (sum >>> 16);
        return hash == AsciiWordTokenizer.NO_HASH ? 1 : hash;
    }
}
