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
 * The text of a mail's body as {@link MimeMailReader} reads it for rules, decoded into characters
 * kept from mail to mail: {@link TextWords} owns one per thread, and {@link ReducedMail} cuts its
 * words in place. No String per part or for the whole body, no copy of it into the tokenizer: a
 * 20 KB body used to be copied four times (bytes, String, builder, String, tokenizer buffer). Not
 * thread-safe.
 */
final class BodyText {
    /** Kept from mail to mail up to this size; a bigger mail's buffers are dropped after it. */
    private static final int KEPT_CHARS = 256 * 1024;

    private char[] chars;
    private int length;
    private byte[] bytes = new byte[1_024];
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
        if (chars.length > KEPT_CHARS) {
            chars = new char[1_024];
        }
        if (bytes.length > KEPT_CHARS) {
            bytes = new byte[1_024];
        }
        return this;
    }

    int length() {
        return length;
    }

    /** The characters, valid in {@code [0, length())} until the next change; with room for one more after them. */
    char[] chars() {
        ensure(1);
        return chars;
    }

    void setLength(int newLength) {
        length = newLength;
    }

    void append(char c) {
        ensure(1);
        chars[length++] = c;
    }

    void append(String text) {
        ensure(text.length());
        text.getChars(0, text.length(), chars, length);
        length += text.length();
    }

    /** The characters in {@code [from, length())}, removed: an HTML part's markup, read to be converted. */
    String cut(int from) {
        String text = new String(chars, from, length - from);
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
     */
    void read(InputStream input, Charset charset, int budget, int expected) throws IOException {
        if (budget <= 0) {
            // the body's prefix is full already: a negative budget would cut what earlier parts gave
            return;
        }
        boolean utf8Text = isUtf8(charset);
        boolean latin1 = !utf8Text && isLatin1(charset);
        if (utf8Text || latin1 || isAscii(charset)) {
            // Enough bytes for the budget: each character takes at most four bytes, so a sequence cut at
            // the end of these bytes lies past the budget.
            int count = readAtMost(input, (int) Math.min(Integer.MAX_VALUE - 8, budget * 4L + 4), expected);
            // every byte decodes to at most one character in these charsets (a malformed one to one replacement)
            ensure(count);
            int start = length;
            decode(utf8Text, latin1, count);
            length = Math.min(length, start + budget);
            return;
        }
        try (Reader reader = new InputStreamReader(input, charset)) {
            int left = budget;
            int read;
            while (left > 0) {
                ensure(Math.min(left, 8_192));
                read = reader.read(chars, length, Math.min(chars.length - length, left));
                if (read <= 0) {
                    break;
                }
                length += read;
                left -= read;
            }
        }
    }

    /** Decodes {@code bytes[0, count)} after the characters, from UTF-8, ISO-8859-1 or else US-ASCII; room for {@code count} more was made. */
    private void decode(boolean utf8Text, boolean latin1, int count) {
        byte[] in = bytes;
        char[] out = chars;
        int at = length;
        int index = 0;
        // the ASCII prefix, one character per byte: nearly all of a mail in English or French
        while (index < count && in[index] >= 0) {
            out[at++] = (char) in[index++];
        }
        if (index < count) {
            if (utf8Text) {
                at = decodeUtf8(index, count, at);
            } else if (latin1) {
                while (index < count) {
                    out[at++] = (char) (in[index++] & 0xff);
                }
            } else {
                // US-ASCII
                while (index < count) {
                    byte b = in[index++];
                    out[at++] = b >= 0 ? (char) b : '\uFFFD';
                }
            }
        }
        length = at;
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
     * Reads up to {@code limit} bytes into {@link #bytes}; how many. Not {@link InputStream#readNBytes}:
     * javax.mail's base64 decoder answers a read of zero bytes with -1, which readNBytes, asking for
     * zero once its first buffer is full, takes for the end of the part.
     */
    private int readAtMost(InputStream input, int limit, int expected) throws IOException {
        // The part's size as stored bounds its decoded size (base64 decodes to three quarters): one
        // buffer of that size, and the read that finds the end, in the common case.
        int wanted = (int) Math.min(limit, expected >= 0 ? expected + 1L : 16_384);
        if (bytes.length < wanted) {
            bytes = new byte[Math.max(wanted, Math.min(limit, bytes.length * 2))];
        }
        int count = 0;
        int read;
        while (count < limit) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, bytes.length * 2L));
            }
            read = input.read(bytes, count, Math.min(bytes.length, limit) - count);
            if (read <= 0) {
                break;
            }
            count += read;
        }
        return count;
    }

    private void ensure(int more) {
        if (chars.length - length < more) {
            chars = Arrays.copyOf(chars, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(chars.length * 2L, (long) length + more)));
        }
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }
}
