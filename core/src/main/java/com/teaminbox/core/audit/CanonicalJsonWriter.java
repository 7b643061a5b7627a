package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.StandardCharsets;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Writes one JSON object in the canonical form the chain hashes: members in the order they are
 * written, no whitespace, integers only, strings escaped per RFC 8259 section 7 with one spelling
 * per character, so that equal content always gives equal bytes.
 *
 * <p>It writes the UTF-8 bytes straight into a buffer that a writer of records reuses
 * ({@link #reset}): the line is hashed from that buffer and copied out once, with no
 * {@code StringBuilder}, {@code String} or encoding step per record in between. A value is
 * looked at one character at a time only to find the characters to escape or to encode; the runs
 * of plain ASCII between them are copied in one call each. In the server this code runs as
 * profiled (C1) code on every recording thread, where each copy and each call per character shows.
 */
final class CanonicalJsonWriter {
    /** A record's content is 300 to 700 bytes: sized once, grown only for an unusually long one. */
    private static final int INITIAL_CAPACITY = 1024;
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
    /** For each ASCII character, whether it is written as it is (printable, not {@code "} or {@code \}). */
    private static final boolean[] PLAIN = new boolean[128];
    private static final byte[] ACTOR_KIND = "{\"kind\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACTOR_NAME = "\",\"name\":".getBytes(StandardCharsets.US_ASCII);

    static {
        for (int c = 0x20; c < 0x7f; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    /**
     * A member's name as the line spells it, {@code "name":}, made bytes once: a record's writer
     * copies its thirteen names with one copy each instead of a string's bytes and four more
     * writes each (a tenth of the line's cost on the recording threads in the server's profile).
     * Only for names that need no escaping, as the schema's.
     */
    static final class Name {
        private final byte[] quoted;

        Name(String name) {
            this.quoted = ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int size;
    private boolean empty;
    /** The UTC day whose {@code yyyy-MM-ddT} is in {@link #dayText}: a record's date is made once a day. */
    private long textEpochDay = Long.MIN_VALUE;
    private final byte[] dayText = new byte[11];

    CanonicalJsonWriter() {
        reset();
    }

    /** Starts a new object, reusing the buffer. */
    CanonicalJsonWriter reset() {
        size = 0;
        buffer[size++] = '{';
        empty = true;
        return this;
    }

    CanonicalJsonWriter string(String key, String value) {
        name(key);
        quoted(value);
        return this;
    }

    CanonicalJsonWriter string(Name key, String value) {
        name(key);
        quoted(value);
        return this;
    }

    CanonicalJsonWriter string(Name key, Optional<String> value) {
        // No lambda: five optional members per record, on the recording thread.
        return value.isPresent() ? string(key, value.get()) : this;
    }

    /** {@link #plainString(String, String)} under a name made bytes once. */
    CanonicalJsonWriter plainString(Name key, String plainValue) {
        name(key);
        return plainValue(plainValue);
    }

    /** {@link #number(String, long)} under a name made bytes once. */
    CanonicalJsonWriter number(Name key, long value) {
        name(key);
        return digits(value);
    }

    /** {@link #object(String, Map)} under a name made bytes once. */
    CanonicalJsonWriter object(Name key, Map<String, String> members) {
        if (members.isEmpty()) {
            return this;
        }
        name(key);
        return members(members);
    }

    /**
     * {@code "key":{"kind":"<plainKind>","name":"<name>"}}, as {@link #object(String, Map)} writes a
     * map of those two in that order (the actor), its constant parts made bytes once; the kind
     * needs no escaping ({@link #plainString(String, String)}).
     */
    CanonicalJsonWriter actor(Name key, String plainKind, String name) {
        name(key);
        ensure(ACTOR_KIND.length + plainKind.length() + ACTOR_NAME.length);
        System.arraycopy(ACTOR_KIND, 0, buffer, size, ACTOR_KIND.length);
        size += ACTOR_KIND.length;
        ascii(plainKind);
        System.arraycopy(ACTOR_NAME, 0, buffer, size, ACTOR_NAME.length);
        size += ACTOR_NAME.length;
        quoted(name);
        ensure(1);
        buffer[size++] = '}';
        return this;
    }

    CanonicalJsonWriter string(String key, Optional<String> value) {
        // No lambda: five optional members per record, on the recording thread.
        return value.isPresent() ? string(key, value.get()) : this;
    }

    /**
     * A member whose value is known to need no escaping, written as it is without looking at
     * each character: a checked node name or hash, a type's wire name. The caller guarantees it
     * (printable ASCII other than {@code "} and {@code \}); the record's own checks
     * ({@link AuditRecord}) come first.
     */
    CanonicalJsonWriter plainString(String key, String plainValue) {
        name(key);
        return plainValue(plainValue);
    }

    private CanonicalJsonWriter plainValue(String plainValue) {
        ensure(plainValue.length() + 2);
        buffer[size++] = '"';
        ascii(plainValue);
        buffer[size++] = '"';
        return this;
    }

    CanonicalJsonWriter number(String key, long value) {
        name(key);
        return digits(value);
    }

    private CanonicalJsonWriter digits(long value) {
        if (value < 0) {
            // never for a record (v and seq are positive); written as Java writes it
            String text = Long.toString(value);
            ensure(text.length());
            ascii(text);
            return this;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        byte[] bytes = ensure(digits);
        // From the last digit, by a loop that counts up: C2 guarded the loop that counted down to
        // the buffer's size with a loop limit check that failed in the server and compiled the
        // record's line again (docs/benchmarks.md, jit17audit).
        int last = size + digits - 1;
        long rest = value;
        for (int written = 0; written < digits; written++) {
            bytes[last - written] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        size += digits;
        return this;
    }

    /**
     * A time in UTC with milliseconds, as {@link AuditRecord#formatTime} writes it, its digits
     * written into the buffer: the date once a day, the time of day from the milliseconds.
     */
    CanonicalJsonWriter time(String key, Instant time) {
        return time(new Name(key), time);
    }

    /** {@link #time(String, Instant)} under a name made bytes once. */
    CanonicalJsonWriter time(Name key, Instant time) {
        long epochSecond = time.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, 86_400L);
        if (epochDay != textEpochDay && !dayText(epochDay)) {
            return plainString(key, AuditRecord.formatTime(time));
        }
        name(key);
        ensure(26);
        byte[] bytes = buffer;
        int at = size;
        bytes[at++] = '"';
        System.arraycopy(dayText, 0, bytes, at, dayText.length);
        at += dayText.length;
        int second = (int) Math.floorMod(epochSecond, 86_400L);
        at = twoDigits(bytes, at, second / 3600);
        bytes[at++] = ':';
        at = twoDigits(bytes, at, second / 60 % 60);
        bytes[at++] = ':';
        at = twoDigits(bytes, at, second % 60);
        bytes[at++] = '.';
        int millis = time.getNano() / 1_000_000;
        bytes[at++] = (byte) ('0' + millis / 100);
        at = twoDigits(bytes, at, millis % 100);
        bytes[at++] = 'Z';
        bytes[at++] = '"';
        size = at;
        return this;
    }

    /** Makes {@code yyyy-MM-ddT} of the day; false for a year the formatter writes with a sign (outside 0 to 9999). */
    private boolean dayText(long epochDay) {
        LocalDate day = LocalDate.ofEpochDay(epochDay);
        int year = day.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        twoDigits(dayText, 0, year / 100);
        twoDigits(dayText, 2, year % 100);
        dayText[4] = '-';
        twoDigits(dayText, 5, day.getMonthValue());
        dayText[7] = '-';
        twoDigits(dayText, 8, day.getDayOfMonth());
        dayText[10] = 'T';
        textEpochDay = epochDay;
        return true;
    }

    private static int twoDigits(byte[] bytes, int at, int value) {
        bytes[at] = (byte) ('0' + value / 10);
        bytes[at + 1] = (byte) ('0' + value % 10);
        return at + 2;
    }

    /** A nested object of strings, in the map's iteration order; omitted when empty. */
    CanonicalJsonWriter object(String key, Map<String, String> members) {
        if (members.isEmpty()) {
            return this;
        }
        name(key);
        return members(members);
    }

    private CanonicalJsonWriter members(Map<String, String> members) {
        byte separator = '{';
        for (Map.Entry<String, String> member : members.entrySet()) {
            ensure(1);
            buffer[size++] = separator;
            separator = ',';
            quoted(member.getKey());
            ensure(1);
            buffer[size++] = ':';
            quoted(member.getValue());
        }
        ensure(1);
        buffer[size++] = '}';
        return this;
    }

    /** Closes the object: its bytes are {@link #buffer}'s first {@link #size}. */
    CanonicalJsonWriter close() {
        ensure(1);
        buffer[size++] = '}';
        return this;
    }

    /** Closes the object and gives it as text. */
    String end() {
        close();
        return new String(buffer, 0, size, UTF_8);
    }

    /** The bytes written so far (the first {@link #size}); valid until the next call. */
    byte[] buffer() {
        return buffer;
    }

    int size() {
        return size;
    }

    /** Room for {@code more} bytes after what is written, the buffer grown if needed; the buffer may change. */
    byte[] ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, size + more));
        }
        return buffer;
    }

    private void name(Name key) {
        byte[] quoted = key.quoted;
        ensure(quoted.length + 1);
        if (!empty) {
            buffer[size++] = ',';
        }
        empty = false;
        System.arraycopy(quoted, 0, buffer, size, quoted.length);
        size += quoted.length;
    }

    /** A member's name: always one of the schema's, which need no escaping (nested objects' names are quoted). */
    private void name(String key) {
        ensure(key.length() + 4);
        if (!empty) {
            buffer[size++] = ',';
        }
        empty = false;
        buffer[size++] = '"';
        ascii(key);
        buffer[size++] = '"';
        buffer[size++] = ':';
    }

    /** Characters known to be ASCII, one byte each; room already ensured. */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly what ASCII needs: a copy, no encoder
    private void ascii(String plain) {
        int length = plain.length();
        plain.getBytes(0, length, buffer, size);
        size += length;
    }

    static String quote(String value) {
        CanonicalJsonWriter writer = new CanonicalJsonWriter();
        writer.size = 0;
        writer.quoted(value);
        return new String(writer.buffer, 0, writer.size, UTF_8);
    }

    /**
     * Control characters are escaped (RFC 8259 requires it below U+0020); DEL, U+2028 and U+2029
     * are escaped too because some viewers break lines on them, and an unpaired surrogate is
     * escaped because UTF-8 cannot carry it: a record is always exactly one line. Everything else
     * is written as its UTF-8 bytes.
     */
    @SuppressWarnings("deprecation") // see ascii: a run of ASCII characters, copied as bytes whatever the string's coder
    private void quoted(String value) {
        int length = value.length();
        // At most 6 bytes a character (an escape; UTF-8 takes 3, or 4 for a pair of 2), and the quotes.
        byte[] bytes = ensure(6 * length + 2);
        int at = size;
        bytes[at++] = '"';
        int plainFrom = 0;
        for (int index = 0; index < length; index++) {
            char c = value.charAt(index);
            if (c < 0x80 && PLAIN[c]) {
                continue;
            }
            value.getBytes(plainFrom, index, bytes, at);
            at += index - plainFrom;
            plainFrom = index + 1;
            at = special(bytes, at, value, index, c);
        }
        value.getBytes(plainFrom, length, bytes, at);
        at += length - plainFrom;
        bytes[at++] = '"';
        size = at;
    }

    /** One character that is not plain ASCII, escaped or encoded at {@code at}; returns where the next goes. */
    private static int special(byte[] bytes, int at, String value, int index, char c) {
        switch (c) {
            case '"':
                return escape(bytes, at, '"');
            case '\\':
                return escape(bytes, at, '\\');
            case '\b':
                return escape(bytes, at, 'b');
            case '\f':
                return escape(bytes, at, 'f');
            case '\n':
                return escape(bytes, at, 'n');
            case '\r':
                return escape(bytes, at, 'r');
            case '\t':
                return escape(bytes, at, 't');
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            return unicodeEscape(bytes, at, c);
        }
        if (c < 0x800) {
            bytes[at] = (byte) (0xc0 | c >> 6);
            bytes[at + 1] = (byte) (0x80 | c & 0x3f);
            return at + 2;
        }
        if (Character.isHighSurrogate(c)) {
            if (index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1))) {
                return unicodeEscape(bytes, at, c);
            }
            // The pair is written here, whole; its low half writes nothing (below).
            int codePoint = Character.toCodePoint(c, value.charAt(index + 1));
            bytes[at] = (byte) (0xf0 | codePoint >> 18);
            bytes[at + 1] = (byte) (0x80 | codePoint >> 12 & 0x3f);
            bytes[at + 2] = (byte) (0x80 | codePoint >> 6 & 0x3f);
            bytes[at + 3] = (byte) (0x80 | codePoint & 0x3f);
            return at + 4;
        }
        if (Character.isLowSurrogate(c)) {
            return index > 0 && Character.isHighSurrogate(value.charAt(index - 1)) ? at : unicodeEscape(bytes, at, c);
        }
        bytes[at] = (byte) (0xe0 | c >> 12);
        bytes[at + 1] = (byte) (0x80 | c >> 6 & 0x3f);
        bytes[at + 2] = (byte) (0x80 | c & 0x3f);
        return at + 3;
    }

    private static int escape(byte[] bytes, int at, char shortForm) {
        bytes[at] = '\\';
        bytes[at + 1] = (byte) shortForm;
        return at + 2;
    }

    private static int unicodeEscape(byte[] bytes, int at, char c) {
        bytes[at] = '\\';
        bytes[at + 1] = 'u';
        bytes[at + 2] = HEX[c >> 12 & 0xf];
        bytes[at + 3] = HEX[c >> 8 & 0xf];
        bytes[at + 4] = HEX[c >> 4 & 0xf];
        bytes[at + 5] = HEX[c & 0xf];
        return at + 6;
    }
}
