package com.teaminbox.core.rules;

/**
 * The word a reader of free text stands on, and the words it passed over to reach it: the state
 * {@link AsciiWordTokenizer} (characters) and {@link ByteWordScanner} (bytes) share. Each finds
 * its words its own way and sets these fields; callers read them through {@link ReducedMail.SkippingWords}.
 */
abstract class WordCursor implements ReducedMail.SkippingWords {
    /** The current word is {@code wordBuffer[wordOffset, wordOffset + wordLength)}. */
    char[] wordBuffer = new char[0];
    int wordOffset;
    int wordLength;
    /** Its position increment, the words passed over before it included. */
    int wordIncrement;
    /** Its hash for {@link WordMemory#find(char[], int, int, int)}, or {@link AsciiWordTokenizer#NO_HASH}. */
    int wordHash;
    /** The first characters, lower-cased, of the ASCII words to give (see {@link #skipping}); null: every word. */
    boolean[] starts;
    /** With {@link #starts}, the first two characters of the ASCII words to give ({@link RuleVocabulary#firstPairs}); null: any. */
    long[] pairs;
    /** Words passed over since the last word given: added to its position increment. */
    int skipped;

    /** Back at the start of a text: no words to skip, none skipped. */
    final void restart() {
        starts = null;
        pairs = null;
        skipped = 0;
    }

    @Override
    public WordCursor skipping(boolean[] firstCharacters) {
        starts = firstCharacters;
        pairs = null;
        return this;
    }

    @Override
    public final int skippedAtEnd() {
        return skipped;
    }

    @Override
    public final char[] buffer() {
        return wordBuffer;
    }

    @Override
    public final int offset() {
        return wordOffset;
    }

    @Override
    public final int length() {
        return wordLength;
    }

    @Override
    public final int hash() {
        return wordHash;
    }

    @Override
    public final int increment() {
        return wordIncrement;
    }
}
