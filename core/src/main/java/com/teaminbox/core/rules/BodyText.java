package com.teaminbox.core.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.mail.internet.ContentType;

/**
 * The text of a mail's body as {@link MimeMailReader} reads it for rules, kept from mail to mail:
 * {@link TextWords} owns one per thread, and {@link ReducedMail} cuts its words in place. A part in
 * US-ASCII, ISO-8859-1 or UTF-8 (of sequences of one to three bytes, the first
 * {@code budget} characters of it) is kept as its bytes, which {@link ByteWordScanner} cuts without
 * decoding them first; any other part (another charset, HTML converted to text, malformed or
 * four-byte UTF-8) is decoded into characters. So the text is a row of segments, each bytes or
 * characters, in the order of the parts; {@link #toString()} decodes the whole. No String per part
 * or for the whole body, no copy of it into the tokenizer. Not thread-safe.
 */
final class BodyText {
    /** Kept from mail to mail up to this size; a bigger mail's buffers are dropped after it. */
    private static final int KEPT_CHARS = 256 * 1024;
    /** A segment of characters; the others are of bytes, of a {@link ByteWordScanner} kind. */
    static final int CHARS = 0;

    /** The segments of characters, one after the other, one unused character after each. */
    private char[] chars;
    private int charEnd;
    /** The segments of bytes, one after the other, then at least {@link ByteWordScanner#PADDING} more. */
    private byte[] bytes = new byte[1_024];
    private int byteEnd;
    /** Characters in the whole text. */
    private int length;
    private int segments;
    /** Per segment: its kind, where it lies in {@link #chars} or {@link #bytes}, and how many characters come before it. */
    private int[] kinds = new int[4];
    private int[] froms = new int[4];
    private int[] tos = new int[4];
    private int[] charStarts = new int[4];
    private CharsetDecoder utf8;
    /** The charset last named by a part, as {@link MimeMailReader} resolved it: most mails name one, the same one. */
    private String lastCharsetName;
    private Charset lastCharset;
    /** The Content-Type last parsed, and its parse (null when it could not be). */
    private String lastContentTypeText;
    private ContentType lastContentType;

    BodyText() {
        this(1_024);
    }

    /** A text for one mail, sized for the characters it will hold: read once, not kept. */
    BodyText(int expectedChars) {
        chars = new char[Math.max(16, expectedChars)];
    }

    /** Empties it for the next mail. */
    BodyText clear() {
        length = 0;
        charEnd = 0;
        byteEnd = 0;
        segments = 0;
        if (chars.length > KEPT_CHARS) {
            chars = new char[1_024];
        }
        if (bytes.length > KEPT_CHARS) {
            bytes = new byte[1_024];
        }
        return this;
    }

    /** Characters in the whole text. */
    int length() {
        return length;
    }

    int segments() {
        return segments;
    }

    /** {@link #CHARS}, or the {@link ByteWordScanner} kind of the segment's bytes. */
    int kind(int segment) {
        return kinds[segment];
    }

    /** Where the segment starts in {@link #chars()} or {@link #bytes()}. */
    int from(int segment) {
        return froms[segment];
    }

    /** Where the segment ends in {@link #chars()} or {@link #bytes()}, excluded. */
    int to(int segment) {
        return tos[segment];
    }

    /** The segments' characters, valid until the next change; with room for one more after each segment. */
    char[] chars() {
        ensureChars(1);
        return chars;
    }

    /** The segments' bytes, valid until the next change; with {@link ByteWordScanner#PADDING} bytes after each. */
    byte[] bytes() {
        ensureBytes(ByteWordScanner.PADDING);
        return bytes;
    }

    /** Keeps the first {@code newLength} characters; a segment of bytes is kept whole or not at all. */
    void setLength(int newLength) {
        while (segments > 0 && charStarts[segments - 1] >= newLength) {
            segments--;
            length = charStarts[segments];
            if (kinds[segments] == CHARS) {
                charEnd = froms[segments];
            } else {
                byteEnd = froms[segments];
            }
        }
        if (segments > 0 && kinds[segments - 1] == CHARS) {
            // its characters are the last ones: text goes on after them
            charEnd = tos[segments - 1];
        }
        if (segments > 0 && newLength < length) {
            int last = segments - 1;
            if (kinds[last] != CHARS) {
                throw new IllegalStateException("A text read as bytes is kept whole");
            }
            charEnd = froms[last] + newLength - charStarts[last];
            tos[last] = charEnd;
        }
        length = Math.min(length, newLength);
    }

    void append(char c) {
        if (c < 0x80 && segments > 0 && kinds[segments - 1] != CHARS) {
            // the last segment is of bytes and ends where the bytes end
            ensureBytes(1 + ByteWordScanner.PADDING);
            bytes[byteEnd++] = (byte) c;
            tos[segments - 1] = byteEnd;
            length++;
            return;
        }
        openChars();
        ensureChars(2);
        chars[charEnd++] = c;
        closeChars(1);
    }

    void append(String text) {
        openChars();
        ensureChars(text.length() + 1);
        text.getChars(0, text.length(), chars, charEnd);
        charEnd += text.length();
        closeChars(text.length());
    }

    /** The characters in {@code [from, length())}, removed: an HTML part's markup, read as characters to be converted. */
    String cut(int from) {
        int last = segments - 1;
        if (last < 0 || kinds[last] != CHARS || charStarts[last] > from) {
            String text = toString().substring(from);
            setLength(from);
            return text;
        }
        int at = froms[last] + from - charStarts[last];
        String text = new String(chars, at, charEnd - at);
        charEnd = at;
        tos[last] = at;
        length = from;
        return text;
    }

    /** The content type last parsed from {@code text}, or null when another text was parsed last (or none could be). */
    ContentType lastContentType(String text) {
        return text != null && text.equals(lastContentTypeText) ? lastContentType : null;
    }

    /** Remembers a parse of a content type; read only, never changed (javax.mail's ContentType could be). */
    void rememberContentType(String text, ContentType parsed) {
        lastContentTypeText = text;
        lastContentType = parsed;
    }

    /** The charset {@code name} resolved to last time, or null when it was another name. */
    Charset lastCharset(String name) {
        return name != null && name.equals(lastCharsetName) ? lastCharset : null;
    }

    void rememberCharset(String name, Charset charset) {
        lastCharsetName = name;
        lastCharset = charset;
    }

    /**
     * Appends at most {@code budget} characters of the stream's text in {@code charset}; the same
     * characters as decoding its bytes into a String, or through an {@link InputStreamReader}
     * (both replace what is malformed). {@code expected}, the part's size or -1, sizes the buffer.
     * With {@code asBytes}, text in an ASCII-compatible charset is kept as its bytes where it can be.
     */
    void read(InputStream input, Charset charset, int budget, int expected, boolean asBytes) throws IOException {
        if (budget <= 0) {
            // the body's prefix is full already: a negative budget would cut what earlier parts gave
            return;
        }
        int kind = isUtf8(charset) ? ByteWordScanner.UTF8 : isLatin1(charset) ? ByteWordScanner.LATIN1
            : isAscii(charset) ? ByteWordScanner.ASCII : CHARS;
        if (kind != CHARS) {
            int base = byteEnd;
            // Enough bytes for the budget: each character takes at most four bytes, so a sequence cut at
            // the end of these bytes lies past the budget.
            int count = readAtMost(input, (int) Math.min(Integer.MAX_VALUE - 8 - base, budget * 4L + 4), expected, base);
            int kept = asBytes ? keptBytes(kind, base, count, budget) : -1;
            if (kept >= 0) {
                addSegment(kind, base, base + kept, keptChars);
                byteEnd = base + kept;
                return;
            }
            // every byte decodes to at most one character in these charsets (a malformed one to one replacement)
            openChars();
            ensureChars(count + 1);
            int start = charEnd;
            decode(kind == ByteWordScanner.UTF8, kind == ByteWordScanner.LATIN1, base, count);
            charEnd = Math.min(charEnd, start + budget);
            closeChars(charEnd - start);
            return;
        }
        openChars();
        int start = charEnd;
        try (Reader reader = new InputStreamReader(input, charset)) {
            int left = budget;
            int read;
            while (left > 0) {
                ensureChars(Math.min(left, 8_192) + 1);
                read = reader.read(chars, charEnd, Math.min(chars.length - 1 - charEnd, left));
                if (read <= 0) {
                    break;
                }
                charEnd += read;
                left -= read;
            }
        } finally {
            closeChars(charEnd - start);
        }
    }

    /** The characters {@link #keptBytes} last counted. */
    private int keptChars;

    /**
     * How many of the {@code count} bytes read at {@code base} hold the first {@code budget} characters,
     * when they can be kept as bytes ({@link #keptChars}: how many characters they are); -1 when
     * they must be decoded: UTF-8 with a sequence the scanner does not decode (malformed, or of
     * four bytes: two characters) before the budget's end.
     */
    private int keptBytes(int kind, int base, int count, int budget) {
        int whole = Math.min(count, budget);
        if (kind != ByteWordScanner.UTF8) {
            keptChars = whole;
            return whole;
        }
        int end = base + count;
        int at = ByteWordScanner.firstHighByte(bytes, base, base + whole);
        int characters = at - base;
        byte[] in = bytes;
        // as decodeUtf8 reads them: each of these sequences is one character there too
        while (at < end && characters < budget) {
            int b1 = in[at];
            if (b1 >= 0) {
                // the run of ASCII up to the next accent, eight bytes at a time: text in French has one every few words
                int stop = ByteWordScanner.firstHighByte(in, at, (int) Math.min(end, at + (long) (budget - characters)));
                characters += stop - at;
                at = stop;
                continue;
            } else if (b1 >= (byte) 0xc2 && b1 <= (byte) 0xdf && at + 1 < end && isContinuation(in[at + 1])) {
                at += 2;
            } else if ((b1 & 0xf0) == 0xe0 && at + 2 < end && isContinuation(in[at + 1]) && isContinuation(in[at + 2])
                && (b1 != (byte) 0xe0 || (in[at + 1] & 0xff) >= 0xa0) && (b1 != (byte) 0xed || (in[at + 1] & 0xff) <= 0x9f)) {
                at += 3;
            } else {
                return -1;
            }
            characters++;
        }
        keptChars = characters;
        return at - base;
    }

    /** Decodes {@code bytes[base, base + count)} after the characters, from UTF-8, ISO-8859-1 or else US-ASCII; room for {@code count} more was made. */
    private void decode(boolean utf8Text, boolean latin1, int base, int count) {
        byte[] in = bytes;
        char[] out = chars;
        int at = charEnd;
        int index = base;
        int end = base + count;
        // the ASCII prefix, one character per byte: nearly all of a mail in English or French
        while (index < end && in[index] >= 0) {
            out[at++] = (char) in[index++];
        }
        if (index < end) {
            if (utf8Text) {
                at = decodeUtf8(index, end, at);
            } else if (latin1) {
                while (index < end) {
                    out[at++] = (char) (in[index++] & 0xff);
                }
            } else {
                // US-ASCII
                while (index < end) {
                    byte b = in[index++];
                    out[at++] = b >= 0 ? (char) b : '\uFFFD';
                }
            }
        }
        charEnd = at;
    }

    /**
     * The rest, from a byte that is not ASCII: ASCII and the well-formed sequences of two and three
     * bytes (Latin, Greek, Cyrillic… and CJK) decoded here; anything else (four bytes, malformed
     * bytes) up to the next ASCII byte through a decoder kept for the next mails, which replaces
     * what is malformed as a String does (its maximal subparts, which never take an ASCII byte: so
     * the stretches decode apart as they decode together). Where the next character goes.
     */
    private int decodeUtf8(int index, int count, int at) {
        byte[] in = bytes;
        char[] out = chars;
        while (index < count) {
            int b1 = in[index];
            if (b1 >= 0) {
                out[at++] = (char) b1;
                index++;
                continue;
            }
            if (b1 >= (byte) 0xc2 && b1 <= (byte) 0xdf && index + 1 < count && isContinuation(in[index + 1])) {
                out[at++] = (char) (((b1 & 0x1f) << 6) | (in[index + 1] & 0x3f));
                index += 2;
                continue;
            }
            if ((b1 & 0xf0) == 0xe0 && index + 2 < count && isContinuation(in[index + 1]) && isContinuation(in[index + 2])) {
                int b2 = in[index + 1] & 0xff;
                // not an overlong form (E0 80..9F), not a surrogate (ED A0..BF)
                if ((b1 != (byte) 0xe0 || b2 >= 0xa0) && (b1 != (byte) 0xed || b2 <= 0x9f)) {
                    out[at++] = (char) (((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (in[index + 2] & 0x3f));
                    index += 3;
                    continue;
                }
            }
            int stop = index + 1;
            while (stop < count && in[stop] < 0) {
                stop++;
            }
            at = decodeWithDecoder(index, stop, at);
            index = stop;
        }
        return at;
    }

    private int decodeWithDecoder(int from, int to, int at) {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
        CharsetDecoder decoder = utf8.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.wrap(chars, at, chars.length - at);
        decoder.decode(in, out, true);
        decoder.flush(out);
        return out.position();
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xc0) == 0x80;
    }

    private static boolean isUtf8(Charset charset) {
        return charset == StandardCharsets.UTF_8 || charset.equals(StandardCharsets.UTF_8);
    }

    private static boolean isLatin1(Charset charset) {
        return charset == StandardCharsets.ISO_8859_1 || charset.equals(StandardCharsets.ISO_8859_1);
    }

    private static boolean isAscii(Charset charset) {
        return charset == StandardCharsets.US_ASCII || charset.equals(StandardCharsets.US_ASCII);
    }

    /**
     * Reads up to {@code limit} bytes into {@link #bytes} at {@code base}, keeping what lies before;
     * how many. Not {@link InputStream#readNBytes}: javax.mail's base64 decoder answers a read of zero
     * bytes with -1, which readNBytes, asking for zero once its first buffer is full, takes for the
     * end of the part.
     */
    private int readAtMost(InputStream input, int limit, int expected, int base) throws IOException {
        // The part's size as stored bounds its decoded size (base64 decodes to three quarters): one
        // buffer of that size, and the read that finds the end, in the common case.
        int wanted = (int) Math.min(limit, expected >= 0 ? expected + 1L : 16_384);
        ensureBytes(wanted + ByteWordScanner.PADDING);
        int count = 0;
        int read;
        while (count < limit) {
            if (base + count + ByteWordScanner.PADDING >= bytes.length) {
                ensureBytes(Math.min(limit, Math.max(bytes.length - base, 1_024)) + ByteWordScanner.PADDING);
            }
            read = input.read(bytes, base + count, Math.min(bytes.length - ByteWordScanner.PADDING - base, limit) - count);
            if (read <= 0) {
                break;
            }
            count += read;
        }
        return count;
    }

    /** Makes room for {@code more} bytes after the last segment's ({@link #byteEnd}). */
    private void ensureBytes(int more) {
        if (bytes.length - byteEnd < more) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(bytes.length * 2L, (long) byteEnd + more)));
        }
    }

    /** Makes room for {@code more} characters after the last segment's ({@link #charEnd}). */
    private void ensureChars(int more) {
        if (chars.length - charEnd < more) {
            chars = Arrays.copyOf(chars, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(chars.length * 2L, (long) charEnd + more)));
        }
    }

    /** Makes the last segment one of characters, ending at {@link #charEnd}: a new one after the last of bytes. */
    private void openChars() {
        if (segments > 0 && kinds[segments - 1] == CHARS) {
            return;
        }
        if (charEnd > 0) {
            // the unused character after the segment before, which the tokenizer writes
            charEnd++;
        }
        ensureChars(1);
        addSegment(CHARS, charEnd, charEnd, 0);
    }

    /** Counts {@code added} characters written to the last segment, which ends at {@link #charEnd}. */
    private void closeChars(int added) {
        tos[segments - 1] = charEnd;
        length += added;
    }

    private void addSegment(int kind, int from, int to, int characters) {
        if (segments == kinds.length) {
            kinds = Arrays.copyOf(kinds, segments * 2);
            froms = Arrays.copyOf(froms, segments * 2);
            tos = Arrays.copyOf(tos, segments * 2);
            charStarts = Arrays.copyOf(charStarts, segments * 2);
        }
        kinds[segments] = kind;
        froms[segments] = from;
        tos[segments] = to;
        charStarts[segments] = length;
        segments++;
        length += characters;
    }

    /** The whole text, the segments of bytes decoded. */
    @Override
    public String toString() {
        char[] text = new char[length];
        int at = 0;
        for (int segment = 0; segment < segments; segment++) {
            int from = froms[segment];
            int to = tos[segment];
            if (kinds[segment] == CHARS) {
                System.arraycopy(chars, from, text, at, to - from);
                at += to - from;
            } else {
                at += ByteWordScanner.decode(kinds[segment], bytes, from, to, text, at);
            }
        }
        return new String(text, 0, at);
    }
}
