package com.teaminbox.core.rules;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cuts a body's text into words straight from its bytes, as {@link AsciiWordTokenizer} cuts its
 * characters (so as Lucene's {@code StandardTokenizer} does), for text in an ASCII-compatible
 * charset ({@link BodyText}): US-ASCII, ISO-8859-1, or UTF-8 made only of sequences of one to three
 * bytes. The body is not decoded into characters first: a 20 KB body was copied into bytes,
 * decoded, then scanned; now it is scanned once.
 *
 * <p>The text is cut into chunks at ASCII bytes no UAX #29 rule joins to anything (blanks,
 * {@code - / @ ( ) < > ! ?}…), as the character tokenizer cuts it. A chunk made of a run of ASCII
 * letters and digits, maybe followed by one of {@code : , ; . '}, of at most
 * {@link AsciiWordTokenizer#MAX_FAST_CHUNK} bytes, is one word: the run (WB5, WB8–WB10; the last
 * character joins nothing after it). Its run is found eight bytes at a time (a mask of the
 * letter-or-digit bytes of a {@code long}): most words of prose take one read. A word whose first
 * letter starts no term ({@link #skipping}) is only counted. Every other chunk (a byte of 0x80 or
 * more, {@code e.g.}, {@code 3.14}, {@code don't}, {@code a_b}, {@code #}, a very long run) is
 * decoded on its own and handed to {@link AsciiWordTokenizer}, positions running on: UAX #29 never
 * joins across those separators, and a UTF-8 sequence never holds an ASCII byte, so a chunk
 * decoded apart is the very text the whole decoding gives there. {@code ByteWordScannerTest}
 * checks it against the character tokenizer and {@code StandardTokenizer}. Not thread-safe.
 */
final class ByteWordScanner extends WordCursor {
    /** Bytes that must be readable after a text's end: the scan reads eight at a time, and ignores what lies past the end. */
    static final int PADDING = 8;
    /** A text in US-ASCII: a byte of 0x80 or more is one replacement character, as a String decodes it. */
    static final int ASCII = 1;
    static final int LATIN1 = 2;
    /** UTF-8 whose every sequence is well formed and of one to three bytes (one character each): {@link BodyText}. */
    static final int UTF8 = 3;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    /** Per byte ({@code b & 0xff}): an ASCII character no UAX #29 rule joins to a neighbour (AsciiWordTokenizer's class OTHER). */
    private static final boolean[] SEPARATOR = new boolean[256];
    /** Per byte: one of {@code : , ; . '}, which ends a one-word chunk when a separator follows. */
    private static final boolean[] MID = new boolean[256];
    /** {@link #SEPARATOR} and {@link #MID} as 1 or 0, for arithmetic rather than branches: {@link #oneWordChunkEnd}. */
    private static final int[] SEPARATORS = new int[256];
    private static final int[] MIDS = new int[256];

    static {
        for (int b = 0; b < 128; b++) {
            char c = (char) b;
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            MID[b] = ":,;.'".indexOf(c) >= 0;
            SEPARATOR[b] = !letterOrDigit && !MID[b] && "_\"#*".indexOf(c) < 0;
            SEPARATORS[b] = SEPARATOR[b] ? 1 : 0;
            MIDS[b] = MID[b] ? 1 : 0;
        }
    }

    /** The chunks of another shape, decoded, cut by the character tokenizer. */
    private final AsciiWordTokenizer chunkWords = new AsciiWordTokenizer();
    private char[] chunkChars = new char[64];
    private boolean inChunk;
    private byte[] bytes = new byte[PADDING];
    private int next;
    private int end;
    private int kind;
    /** A one-word chunk's characters, copied from its bytes: at most {@link AsciiWordTokenizer#MAX_FAST_CHUNK}, and eight always. */
    private final char[] word = new char[AsciiWordTokenizer.MAX_FAST_CHUNK + 8];

    /**
     * Starts on {@code bytes[from, to)}, text of this {@code kind} read in place: they must not change
     * until the last word is read, and {@link #PADDING} bytes after {@code to} must exist (never
     * written, their values unused).
     */
    ByteWordScanner text(byte[] text, int from, int to, int textKind) throws IOException {
        chunkWords.close();
        inChunk = false;
        bytes = text;
        next = from;
        end = to;
        kind = textKind;
        restart();
        return this;
    }

    @Override
    public ByteWordScanner skipping(boolean[] firstCharacters) {
        super.skipping(firstCharacters);
        return this;
    }

    /**
     * As {@link #skipping(boolean[])}, and also passes over a word of two ASCII letters and digits or more
     * whose first two characters, lower-cased, differ and are not a pair of {@code firstPairs}
     * ({@link RuleVocabulary#firstPairs}): neither hashed nor looked up. Null: as {@link #skipping(boolean[])}.
     */
    ByteWordScanner skipping(boolean[] firstCharacters, long[] firstPairs) {
        super.skipping(firstCharacters);
        pairs = firstCharacters == null ? null : firstPairs;
        return this;
    }

    /*
     * The word loop is written to be compiled once, small, and to stay compiled (a mail's body passes over
     * most of its words inside one call, and the JIT compiles this method while the server is busy): its
     * own loop only goes from chunk to chunk, the byte loops are in the static methods below, the rare
     * chunks of another shape are cut in chunkWord(), and the tests on what follows a run and on a word's
     * first pair are arithmetic, not branches a warm-up may never take (which the compiled code would
     * then leave for the interpreter, to be compiled again).
     */
    @Override
    public boolean next() throws IOException {
        while (true) {
            if (inChunk && chunkWord()) {
                return true;
            }
            byte[] in = bytes;
            int limit = end;
            int start = separatorsEnd(in, next, limit);
            if (start >= limit) {
                next = limit;
                return false;
            }
            int at = plainRunEnd(in, start, limit);
            int after = oneWordChunkEnd(in, at, limit);
            // one test for every other shape: no run, something else after it, or too long
            if (((at - start - 1) | after | (AsciiWordTokenizer.MAX_FAST_CHUNK - (after - start))) < 0) {
                startChunk(start);
                continue;
            }
            next = after;
            int length = at - start;
            if (!wanted(in, start, length)) {
                skipped++;
                continue;
            }
            char[] chars = word;
            // the first eight bytes copied and hashed whatever the length (no branch on it), the rest after
            long first = (long) LONGS.get(in, start);
            int hash = 0;
            for (int index = 0; index < 8; index++) {
                char c = (char) ((first >>> (index << 3)) & 0xff);
                chars[index] = c;
                hash = index < length ? 31 * hash + c : hash;
            }
            for (int index = 8; index < length; index++) {
                char c = (char) in[start + index];
                chars[index] = c;
                hash = 31 * hash + c;
            }
            wordBuffer = chars;
            wordOffset = 0;
            wordLength = length;
            wordHash = WordMemory.mixed(hash);
            wordIncrement = 1 + skipped;
            skipped = 0;
            return true;
        }
    }

    /** The next word of the chunk of another shape being cut, read; false (and the chunk done) when it has no more. */
    private boolean chunkWord() throws IOException {
        if (chunkWords.next()) {
            wordBuffer = chunkWords.buffer();
            wordOffset = chunkWords.offset();
            wordLength = chunkWords.length();
            wordHash = chunkWords.hash();
            wordIncrement = chunkWords.increment() + skipped;
            skipped = 0;
            return true;
        }
        skipped += chunkWords.skippedAtEnd();
        inChunk = false;
        return false;
    }

    /** Where the separators from {@code at} end: the first other byte, or {@code limit}. */
    private static int separatorsEnd(byte[] in, int at, int limit) {
        int index = at;
        while (index < limit && SEPARATOR[in[index] & 0xff]) {
            index++;
        }
        return index;
    }

    /** Where the run of ASCII letters and digits from {@code start} ends (at most {@code limit}): eight bytes at a time. */
    private static int plainRunEnd(byte[] in, int start, int limit) {
        int at = start;
        long plain;
        // what lies past the end is cut off below
        while ((plain = letterOrDigitLanes((long) LONGS.get(in, at))) == HIGH && at + 8 < limit) {
            at += 8;
        }
        return Math.min(limit, at + (Long.numberOfTrailingZeros(~plain & HIGH) >>> 3));
    }

    /**
     * Where a chunk whose run ends at {@code at} ends when it is one word: {@code at} when a separator or the
     * text's end follows the run, {@code at + 1} when one of {@code : , ; . '} then a separator or the end
     * does; -1 otherwise. Reads {@code in[at]} and {@code in[at + 1]} whatever they are ({@link #PADDING}),
     * and uses them only within the text.
     */
    static int oneWordChunkEnd(byte[] in, int at, int limit) {
        // 1 when the run ends the text, when the byte after the run is a separator, when the byte after that one is
        int runEndsText = (limit - at - 1) >>> 31;
        int joinEndsText = (limit - at - 2) >>> 31;
        int separatorAfterRun = runEndsText | SEPARATORS[in[at] & 0xff];
        int joinedThenEnd = (runEndsText ^ 1) & MIDS[in[at] & 0xff] & (joinEndsText | SEPARATORS[in[at + 1] & 0xff]);
        int oneWord = separatorAfterRun | joinedThenEnd;
        return (at + (separatorAfterRun ^ 1)) | (oneWord - 1);
    }

    /**
     * Whether the word of {@code length} ASCII letters and digits at {@code start} is read rather than passed
     * over ({@link #skipping(boolean[], long[])}): its first character starts a term, and it is one character
     * long, or its first two are one letter twice, or they are a pair of {@link #pairs}.
     */
    private boolean wanted(byte[] in, int start, int length) {
        boolean[] wantedStarts = starts;
        if (wantedStarts == null) {
            return true;
        }
        int first = in[start] | 0x20;
        if (!wantedStarts[first]) {
            return false;
        }
        long[] wantedPairs = pairs;
        if (wantedPairs == null) {
            return true;
        }
        // a word of one character: the byte after it is read and its pair not used (masked to stay in the table)
        int second = (in[start + 1] | 0x20) & 0x7f;
        long oneCharacter = (length - 2) >>> 31;
        long sameTwice = ((first ^ second) - 1) >>> 31;
        long paired = (wantedPairs[(first << 1) | (second >>> 6)] >>> second) & 1;
        return (paired | oneCharacter | sameTwice) != 0;
    }

    /** Decodes the chunk starting at {@code start} (up to the next separator) and starts the character tokenizer on it. */
    private void startChunk(int start) throws IOException {
        byte[] in = bytes;
        int limit = end;
        int stop = start + 1;
        while (stop < limit && !SEPARATOR[in[stop] & 0xff]) {
            stop++;
        }
        if (chunkChars.length <= stop - start) {
            chunkChars = new char[Math.max(stop - start + 1, chunkChars.length * 2)];
        }
        int length = decode(kind, in, start, stop, chunkChars, 0);
        chunkWords.text(chunkChars, 0, length).skipping(starts);
        inChunk = true;
        next = stop;
    }

    /**
     * Per byte of {@code lanes} (little-endian), its high bit set when it is an ASCII letter or digit:
     * {@code (b | 0x80) - k} has its high bit set exactly when {@code b >= k}, with no borrow from a
     * neighbour ({@code k <= 0x80}); bytes of 0x80 or more masked out.
     */
    static long letterOrDigitLanes(long lanes) {
        long set = lanes | HIGH;
        long digit = (set - ONES * '0') & ~(set - ONES * ('9' + 1));
        long lower = set | (ONES * 0x20);
        long letter = (lower - ONES * 'a') & ~(lower - ONES * ('z' + 1));
        return (digit | letter) & ~lanes & HIGH;
    }

    /** Where the first byte of 0x80 or more is in {@code text[from, to)}, or {@code to}; eight at a time while {@link #PADDING} allows. */
    static int firstHighByte(byte[] text, int from, int to) {
        int at = from;
        while (at + 8 <= to && ((long) LONGS.get(text, at) & HIGH) == 0) {
            at += 8;
        }
        while (at < to && text[at] >= 0) {
            at++;
        }
        return at;
    }

    /**
     * Decodes {@code text[from, to)} of this kind into {@code out} at {@code at}, which has room for
     * a character per byte; how many characters. For UTF-8, only well-formed sequences of one to three bytes.
     */
    static int decode(int kind, byte[] text, int from, int to, char[] out, int at) {
        int written = at;
        int index = from;
        while (index < to) {
            int b = text[index];
            if (b >= 0) {
                out[written++] = (char) b;
                index++;
            } else if (kind == LATIN1) {
                out[written++] = (char) (b & 0xff);
                index++;
            } else if (kind == ASCII) {
                out[written++] = '\uFFFD';
                index++;
            } else if ((b & 0xe0) == 0xc0) {
                out[written++] = (char) (((b & 0x1f) << 6) | (text[index + 1] & 0x3f));
                index += 2;
            } else {
                out[written++] = (char) (((b & 0x0f) << 12) | ((text[index + 1] & 0x3f) << 6) | (text[index + 2] & 0x3f));
                index += 3;
            }
        }
        return written - at;
    }

    @Override
    public void close() throws IOException {
        chunkWords.close();
        inChunk = false;
    }
}
