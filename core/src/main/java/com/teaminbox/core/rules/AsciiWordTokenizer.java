package com.teaminbox.core.rules;

import java.io.CharArrayReader;
import java.io.IOException;

import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Cuts text into words exactly as Lucene's {@link StandardTokenizer} does (Unicode word
 * boundaries, UAX #29), with a fast path for plain ASCII: a 20 KB mail of English or French prose
 * is mostly ASCII, and the standard tokenizer's Unicode tables cost more than the words themselves.
 *
 * <p>The text is cut into chunks at ASCII characters that no UAX #29 rule joins to anything
 * (blanks, {@code - / @ ( ) < > ! ?} and the like: class Other); a chunk of ASCII letters, digits
 * and the joining punctuation ({@code . , ; : ' _}) of at most {@link #MAX_FAST_CHUNK} characters
 * is cut here, by the rules below; any other chunk (a non-ASCII character, a keycap {@code #},
 * a very long run) goes to a {@link StandardTokenizer} on its own. {@code AsciiWordTokenizerTest}
 * checks the result against {@link StandardTokenizer} on generated text.
 * <ul>
 *   <li>WB5, WB8–WB10: letters and digits hold together;</li>
 *   <li>WB6/WB7: a letter, then {@code : . '}, then a letter hold together ({@code l'urgence});</li>
 *   <li>WB11/WB12: a digit, then {@code , ; . '}, then a digit hold together ({@code 3,000.50});</li>
 *   <li>WB13a/WB13b: {@code _} holds to letters, digits and {@code _} on either side;</li>
 *   <li>anything else is a break, and a run of only {@code _} is no word.</li>
 * </ul>
 * The words are read in place (buffer, offset, length), not copied into a token stream's
 * attributes: {@link ReducedMail} looks each one up in the rules' vocabulary and keeps a few. Not
 * thread-safe.
 */
final class AsciiWordTokenizer extends WordCursor {
    /** Longer chunks go to the standard tokenizer, which cuts words at 255 characters. */
    static final int MAX_FAST_CHUNK = 255;

    private static final byte OTHER = 0;
    private static final byte LETTER = 1;
    private static final byte DIGIT = 2;
    private static final byte UNDERSCORE = 3;
    /** {@code :}: joins letters only (UAX #29 MidLetter). */
    private static final byte MID_LETTER = 4;
    /** {@code , ;}: join digits only (MidNum). */
    private static final byte MID_NUMBER = 5;
    /** {@code . '}: join letters and digits (MidNumLet, Single_Quote). */
    private static final byte MID_BOTH = 6;
    /** {@code " # *}: no join in ASCII, but joined to non-ASCII neighbours (Hebrew quotes, keycaps): not a chunk end. */
    private static final byte OTHER_NOT_SEPARATOR = 7;
    private static final byte[] CLASSES = new byte[128];
    /**
     * Per character, whether it is an ASCII letter or digit: one look-up per character of the words most
     * text is made of, no test of its range first (hence all 65,536; only the first 128 are read often).
     */
    private static final boolean[] PLAIN = new boolean[65_536];
    /** What {@link #nextChunk()} found: the end of the text, a chunk that is one word (read), a chunk to cut. */
    private static final int TEXT_END = 0;
    private static final int ONE_WORD = 1;
    private static final int CHUNK = 2;

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            CLASSES[c] = LETTER;
            CLASSES[Character.toUpperCase(c)] = LETTER;
        }
        for (char c = '0'; c <= '9'; c++) {
            CLASSES[c] = DIGIT;
        }
        for (char c = 0; c < 128; c++) {
            PLAIN[c] = CLASSES[c] == LETTER || CLASSES[c] == DIGIT;
        }
        CLASSES['_'] = UNDERSCORE;
        CLASSES[':'] = MID_LETTER;
        CLASSES[','] = MID_NUMBER;
        CLASSES[';'] = MID_NUMBER;
        CLASSES['.'] = MID_BOTH;
        CLASSES['\''] = MID_BOTH;
        CLASSES['"'] = OTHER_NOT_SEPARATOR;
        CLASSES['#'] = OTHER_NOT_SEPARATOR;
        CLASSES['*'] = OTHER_NOT_SEPARATOR;
    }

    private final StandardTokenizer fallback = new StandardTokenizer();
    private final CharTermAttribute fallbackTerm = fallback.getAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute fallbackIncrement = fallback.getAttribute(PositionIncrementAttribute.class);
    /** The text being cut: {@link #owned}, or characters read in place ({@link #text(char[], int)}). */
    private char[] text = new char[0];
    /** Where a String's characters are copied, kept for the next texts. */
    private char[] owned = text;
    private int textLength;
    private int next;
    private int chunkEnd;
    private boolean inFallback;
    static final int NO_HASH = 0;

    /** Starts on this text: its characters are copied once into a buffer kept for the next texts. */
    AsciiWordTokenizer text(String value) throws IOException {
        int length = value.length();
        if (owned.length <= length) {
            owned = new char[Math.max(length + 1, owned.length * 2)];
        }
        value.getChars(0, length, owned, 0);
        return text(owned, 0, length);
    }

    /**
     * Starts on {@code chars[from, to)}, read in place: they must not change until the last word is read.
     * {@code chars[to]} must exist: a blank is written there, which ends every word without a test
     * of the length at each character.
     */
    AsciiWordTokenizer text(char[] chars, int from, int to) throws IOException {
        closeFallback();
        chars[to] = ' ';
        text = chars;
        textLength = to;
        next = from;
        chunkEnd = from;
        restart();
        return this;
    }

    @Override
    public AsciiWordTokenizer skipping(boolean[] firstCharacters) {
        super.skipping(firstCharacters);
        return this;
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (inFallback) {
                if (fallback.incrementToken()) {
                    wordBuffer = fallbackTerm.buffer();
                    wordOffset = 0;
                    wordLength = fallbackTerm.length();
                    wordIncrement = fallbackIncrement.getPositionIncrement() + skipped;
                    skipped = 0;
                    wordHash = NO_HASH;
                    return true;
                }
                closeFallback();
            }
            if (next < chunkEnd) {
                if (fastWord()) {
                    wordIncrement += skipped;
                    skipped = 0;
                    return true;
                }
                continue;
            }
            int chunk = nextChunk();
            if (chunk == TEXT_END) {
                return false;
            }
            if (chunk == ONE_WORD) {
                if (starts != null && !starts[wordBuffer[wordOffset] | 0x20]) {
                    skipped++;
                    continue;
                }
                wordIncrement += skipped;
                skipped = 0;
                return true;
            }
        }
    }

    @Override
    public void close() throws IOException {
        closeFallback();
    }

    /**
     * Finds the next chunk; starts the fallback on it unless it is short plain ASCII. A chunk of
     * letters and digits, maybe ended by one of {@code : , ; . '}, is one word (WB5, WB8–WB10; the
     * last character joins nothing that follows it) and is cut here, in the one pass that finds the
     * chunk: most words of prose are such chunks ({@code word}, {@code word,}, {@code word.}).
     *
     * @return {@link #TEXT_END}, {@link #ONE_WORD} (the word is read), or {@link #CHUNK} (cut it next)
     */
    private int nextChunk() throws IOException {
        char[] chars = text;
        int length = textLength;
        int start = next;
        while (start < length && isSeparator(chars[start])) {
            start++;
        }
        if (start == length) {
            next = length;
            return TEXT_END;
        }
        boolean[] wanted = starts;
        while (wanted != null) {
            // A word of letters and digits starting with no wanted character: its end found without
            // hashing it; passed over when it is the whole chunk (maybe ended by one of : , ; . ').
            char first = chars[start];
            if (!PLAIN[first] || wanted[first | 0x20]) {
                break;
            }
            int end = start + 1;
            // the blank after the text ends the run
            while (PLAIN[chars[end]]) {
                end++;
            }
            char c = chars[end];
            if (!isSeparator(c)) {
                // a joining character then the end of the chunk: still one plain word
                if (c >= 128 || !isMid(CLASSES[c]) || !isSeparator(chars[end + 1])) {
                    break;
                }
                end++;
            }
            if (end - start > MAX_FAST_CHUNK) {
                break;
            }
            skipped++;
            while (end < length && isSeparator(chars[end])) {
                end++;
            }
            if (end == length) {
                next = length;
                return TEXT_END;
            }
            start = end;
        }
        int end = start;
        boolean ascii = true;
        // the chunk's leading run of letters and digits, and that run's hash (for WordMemory, computed in
        // this pass over the characters rather than in another): most chunks are that run alone
        int hash = 0;
        char c;
        // the blank after the text ends the run
        while (PLAIN[c = chars[end]]) {
            hash = 31 * hash + c;
            end++;
        }
        // where the run stops short of the chunk's end: the first other character, or -1 when it ends the chunk
        int plainEnd = -1;
        if (!isSeparator(chars[end])) {
            plainEnd = end;
            while (end < length) {
                c = chars[end];
                if (c >= 128) {
                    ascii = false;
                } else if (CLASSES[c] == OTHER) {
                    break;
                }
                end++;
            }
        }
        next = start;
        chunkEnd = end;
        if (!ascii || end - start > MAX_FAST_CHUNK) {
            fallback.setReader(new CharArrayReader(chars, start, end - start));
            fallback.reset();
            inFallback = true;
            next = end;
            return CHUNK;
        }
        if (plainEnd < 0 || plainEnd > start && plainEnd == end - 1 && isMid(CLASSES[chars[plainEnd]])) {
            next = end;
            wordBuffer = chars;
            wordOffset = start;
            wordLength = (plainEnd < 0 ? end : plainEnd) - start;
            wordIncrement = 1;
            wordHash = WordMemory.mixed(hash);
            return ONE_WORD;
        }
        return CHUNK;
    }

    /** Cuts the next word of the current ASCII chunk; false when the rest of the chunk holds none. */
    private boolean fastWord() {
        char[] chars = text;
        int end = chunkEnd;
        int start = next;
        while (start < end && !isWordStart(classOf(chars[start]))) {
            start++;
        }
        if (start == end) {
            next = end;
            return false;
        }
        int position = start + 1;
        byte previous = classOf(chars[start]);
        boolean letterOrDigit = previous != UNDERSCORE;
        while (position < end) {
            byte current = classOf(chars[position]);
            if (current == LETTER || current == DIGIT || current == UNDERSCORE) {
                // WB5, WB8-WB10, WB13a/b: letters, digits and '_' hold together
                letterOrDigit |= current != UNDERSCORE;
                previous = current;
                position++;
                continue;
            }
            byte after = position + 1 < end ? classOf(chars[position + 1]) : OTHER;
            boolean joinsLetters = previous == LETTER && after == LETTER && (current == MID_LETTER || current == MID_BOTH);
            boolean joinsDigits = previous == DIGIT && after == DIGIT && (current == MID_NUMBER || current == MID_BOTH);
            if (!joinsLetters && !joinsDigits) {
                break;
            }
            previous = after;
            position += 2;
        }
        next = position;
        if (!letterOrDigit) {
            return false;
        }
        wordBuffer = chars;
        wordOffset = start;
        wordLength = position - start;
        wordIncrement = 1;
        wordHash = NO_HASH;
        return true;
    }

    private void closeFallback() throws IOException {
        if (inFallback) {
            fallback.end();
            fallback.close();
            inFallback = false;
        }
    }

    private static boolean isMid(byte type) {
        return type == MID_LETTER || type == MID_NUMBER || type == MID_BOTH;
    }

    private static boolean isWordStart(byte type) {
        return type == LETTER || type == DIGIT || type == UNDERSCORE;
    }

    private static byte classOf(char c) {
        return c < 128 ? CLASSES[c] : OTHER;
    }

    /** An ASCII character no UAX #29 rule joins to a neighbour, whatever that neighbour is. */
    private static boolean isSeparator(char c) {
        return c < 128 && CLASSES[c] == OTHER;
    }
}
