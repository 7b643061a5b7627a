package com.teaminbox.core.rules;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * What the analysis of one field's values gave the last time ({@link ReducedMail}): where the rules'
 * terms occur and the tokens kept for an index. The next mail whose field has the same values gets
 * the same, replayed, without the analyzer: the analysis depends on nothing else for one rule set
 * (its terms, which fields it keeps whole, the analyzer's gap). Most mails of a shared mailbox are
 * written to its own address, and a customer writes more than once: {@code To} and {@code From} repeat,
 * and their analysis through Lucene's token streams was a tenth of the reduction. One per field and
 * thread ({@link TextWords#analysedValues}); not thread-safe.
 */
final class AnalysedValues {
    /** Values longer than this, all together, are analysed every time: remembering them would copy them. */
    static final int MAX_REMEMBERED_CHARS = 1_024;

    private List<String> values = List.of();
    /** Whether the values under analysis are remembered ... */
    private boolean remembering;
    /** ... and whether their analysis was finished, so may be replayed. */
    private boolean valid;
    private int[] words = new int[8];
    private int[] positions = new int[8];
    private int occurrences;
    private char[][] keptTexts = new char[8][];
    private int[] keptPositions = new int[8];
    private int kept;

    /**
     * When {@code values} are the ones last analysed, replays what their analysis gave (the terms' rules
     * made candidates, their occurrences, the kept tokens in order) and answers true; else false.
     */
    boolean replay(List<String> values, RuleVocabulary.Word[] vocabularyWords, BitSet candidates, MailWords mailWords,
                   ReducedMail.KeptTokens keptTokens) {
        if (!valid || !this.values.equals(values)) {
            return false;
        }
        for (int index = 0; index < occurrences; index++) {
            for (int rule : vocabularyWords[words[index]].rules()) {
                candidates.set(rule);
            }
            mailWords.add(words[index], positions[index]);
        }
        if (keptTokens != null) {
            for (int index = 0; index < kept; index++) {
                keptTokens.addKept(keptTexts[index], keptPositions[index]);
            }
        }
        return true;
    }

    /** Starts remembering the analysis of these values, unless they are too long to be worth it. */
    void start(List<String> values) {
        long chars = 0;
        for (String value : values) {
            // a null value is the analyzer's to refuse, not this memory's
            chars += value == null ? MAX_REMEMBERED_CHARS + 1 : value.length();
        }
        remembering = chars <= MAX_REMEMBERED_CHARS;
        valid = false;
        this.values = remembering ? List.copyOf(values) : List.of();
        occurrences = 0;
        Arrays.fill(keptTexts, 0, kept, null);
        kept = 0;
    }

    /** Whether the analysis under way is remembered: {@link #occurrence} and {@link #kept} are worth calling. */
    boolean remembering() {
        return remembering;
    }

    void occurrence(int word, int position) {
        if (occurrences == words.length) {
            words = Arrays.copyOf(words, occurrences * 2);
            positions = Arrays.copyOf(positions, occurrences * 2);
        }
        words[occurrences] = word;
        positions[occurrences] = position;
        occurrences++;
    }

    void kept(char[] buffer, int length, int position) {
        if (kept == keptTexts.length) {
            keptTexts = Arrays.copyOf(keptTexts, kept * 2);
            keptPositions = Arrays.copyOf(keptPositions, kept * 2);
        }
        keptTexts[kept] = Arrays.copyOf(buffer, length);
        keptPositions[kept] = position;
        kept++;
    }

    /** The analysis of the values {@link #start} was given is complete: it may be replayed (one that failed half-way is not). */
    void finish() {
        valid = remembering;
    }
}
