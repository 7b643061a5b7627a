package com.teaminbox.core.rules;

import java.util.Arrays;

/**
 * Where the words a rule set names ({@link RuleVocabulary.Word}) occur in one mail: for each word,
 * the positions it has in its field, as the whole mail's analysis numbers them ({@link ReducedMail}).
 * What {@link RuleCondition} decides term and phrase conditions on, without an index. Reused from
 * mail to mail by one thread ({@link TextWords#mailWords}): {@link #clear()} forgets only the words
 * the last mail had, so a mail costs what it holds, not the size of the vocabulary.
 */
final class MailWords {
    private static final int NONE = -1;

    /** Per word number, its last occurrence (an index into the arrays below), or {@link #NONE}. */
    private int[] last;
    /** Per occurrence, its position in its field and the word's previous occurrence. */
    private int[] positions = new int[64];
    private int[] previous = new int[64];
    /** Per occurrence, its word: what {@link #clear()} resets. */
    private int[] words = new int[64];
    private int size;

    MailWords(int wordCount) {
        last = new int[wordCount];
        Arrays.fill(last, NONE);
    }

    /** Records that the word numbered {@code word} occurs at {@code position} of its field. */
    void add(int word, int position) {
        if (size == positions.length) {
            positions = Arrays.copyOf(positions, size * 2);
            previous = Arrays.copyOf(previous, size * 2);
            words = Arrays.copyOf(words, size * 2);
        }
        positions[size] = position;
        previous[size] = last[word];
        words[size] = word;
        last[word] = size;
        size++;
    }

    /** Whether the word occurs in the mail. */
    boolean occurs(int word) {
        return last[word] != NONE;
    }

    /** Whether the word occurs at this position of its field. */
    boolean occursAt(int word, int position) {
        for (int occurrence = last[word]; occurrence != NONE; occurrence = previous[occurrence]) {
            if (positions[occurrence] == position) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the words occur one at each of the given offsets from some position: an exact phrase
     * ({@code offsets[0]} is 0).
     */
    boolean occurInSequence(int[] phrase, int[] offsets) {
        for (int occurrence = last[phrase[0]]; occurrence != NONE; occurrence = previous[occurrence]) {
            int start = positions[occurrence];
            boolean all = true;
            for (int index = 1; index < phrase.length && all; index++) {
                all = occursAt(phrase[index], start + offsets[index]);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the last mail's words. */
    void clear() {
        for (int index = 0; index < size; index++) {
            last[words[index]] = NONE;
        }
        size = 0;
    }
}
