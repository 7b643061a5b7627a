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
    /** {@link #SEPARATOR} and {@link #MID} as 1 or 0, for arithmetic rather than branches. */
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

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (inChunk) {
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
            }
            byte[] in = bytes;
            int limit = end;
            int at = next;
            while (at < limit && SEPARATOR[in[at] & 0xff]) {
                at++;
            }
            if (at >= limit) {
                next = limit;
                return false;
            }
            int start = at;
            // the run of letters and digits, eight bytes at a time (what lies past the end is cut off below)
            long plain;
            while ((plain = letterOrDigitLanes((long) LONGS.get(in, at))) == HIGH && at + 8 < limit) {
                at += 8;
            }
            at = Math.min(limit, at + (Long.numberOfTrailingZeros(~plain & HIGH) >>> 3));
            // the chunk ends after the run, or after one joining character and before a separator
            int after = at;
            if (at < limit && !SEPARATOR[in[at] & 0xff]) {
                // at + 1 when in[at] joins and the text ends or a separator follows, else -1: arithmetic on 0/1
                // tables, as each outcome may be missing from a warm-up (a trap, the loop compiled again). At the
                // text's end in[at + 1] is a byte of the PADDING that text() requires, read and not used.
                int endFollows = ((limit - at - 2) >>> 31) | SEPARATORS[in[at + 1] & 0xff];
                after = (at + 1) | ((MIDS[in[at] & 0xff] & endFollows) - 1);
            }
            if (at == start || after < 0 || after - start > AsciiWordTokenizer.MAX_FAST_CHUNK) {
                startChunk(start);
                continue;
            }
            next = after;
            boolean[] wanted = starts;
            if (wanted != null && !wanted[in[start] | 0x20]) {
                skipped++;
                continue;
            }
            int length = at - start;
            long[] wantedPairs = pairs;
            if (wantedPairs != null) {
                int first = in[start] | 0x20;
                // A word of one character is looked up, as one letter twice is: its "second" (the byte after it,
                // any byte) replaced by its first, with no branch on the length. A branch here, rarely taken in
                // a warm-up, had the compiled loop trap and be compiled again (unstable_if). For a one-character
                // word at the text's end, in[start + 1] is a byte of the PADDING.
                int second = in[start + 1] | 0x20;
                second ^= (second ^ first) & ((length - 2) >> 31);
                if (first != second && !RuleVocabulary.startsWithPair(wantedPairs, first, second)) {
                    skipped++;
                    continue;
                }
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
