package com.teaminbox.core.audit;

import java.util.Map;
import java.util.Optional;

/**
 * Writes one JSON object in the canonical form the chain hashes: members in the order they are
 * written, no whitespace, integers only, strings escaped per RFC 8259 section 7 with one spelling
 * per character, so that equal content always gives equal bytes.
 */
final class CanonicalJsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** A record's content is 300 to 700 characters: sized once, not grown twice by copies. */
    private final StringBuilder out = new StringBuilder(1024).append('{');
    private boolean empty = true;

    CanonicalJsonWriter string(String key, String value) {
        quote(name(key), value);
        return this;
    }

    CanonicalJsonWriter string(String key, Optional<String> value) {
        // No lambda: five optional members per record, on the recording thread.
        return value.isPresent() ? string(key, value.get()) : this;
    }

    /**
     * A member whose value is known to need no escaping, written as it is without looking at
     * each character: a time, a checked node name or hash, a type's wire name. The caller
     * guarantees it (printable ASCII other than {@code "} and {@code \}); the record's own
     * checks ({@link AuditRecord}) come first. In the server this code runs in profiled (C1)
     * form, where scanning a character costs several nanoseconds; these values are a third of a
     * record's characters.
     */
    CanonicalJsonWriter plainString(String key, String plainValue) {
        name(key).append('"').append(plainValue).append('"');
        return this;
    }

    CanonicalJsonWriter number(String key, long value) {
        name(key).append(value);
        return this;
    }

    /** A nested object of strings, in the map's iteration order; omitted when empty. */
    CanonicalJsonWriter object(String key, Map<String, String> members) {
        if (members.isEmpty()) {
            return this;
        }
        StringBuilder nested = name(key).append('{');
        boolean first = true;
        for (Map.Entry<String, String> member : members.entrySet()) {
            if (!first) {
                nested.append(',');
            }
            first = false;
            quote(nested, member.getKey()).append(':');
            quote(nested, member.getValue());
        }
        nested.append('}');
        return this;
    }

    /**
     * A nested object of two strings, as {@link #object} writes a map of them in that order (the
     * actor), whose names and first value need no escaping ({@link #plainString}).
     */
    CanonicalJsonWriter object(String key, String firstName, String plainFirst, String secondName, String second) {
        StringBuilder nested = name(key).append("{\"").append(firstName).append("\":\"").append(plainFirst)
            .append("\",\"").append(secondName).append("\":");
        quote(nested, second).append('}');
        return this;
    }

    String end() {
        return out.append('}').toString();
    }

    /** A member's name: always one of the schema's, which need no escaping (nested objects' names are quoted). */
    private StringBuilder name(String key) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        return out.append('"').append(key).append("\":");
    }

    static String quote(String value) {
        return quote(new StringBuilder(value.length() + 2), value).toString();
    }

    /**
     * Control characters are escaped (RFC 8259 requires it below U+0020); DEL, U+2028 and U+2029
     * are escaped too because some viewers break lines on them, and an unpaired surrogate is
     * escaped because UTF-8 cannot carry it: a record is always exactly one line.
     */
    private static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        // Runs of characters written as they are go in one append each: a record's values rarely
        // hold a character to escape, and in the server this code mostly runs in profiled (C1)
        // form, where a call per character cost more than the rest of the record.
        int plainFrom = 0;
        int length = value.length();
        for (int index = 0; index < length; index++) {
            char c = value.charAt(index);
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f && (c < '\u2028' || isPlainAbove2027(value, index, c))) {
                continue;
            }
            out.append(value, plainFrom, index);
            plainFrom = index + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                    .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return (plainFrom == 0 ? out.append(value) : out.append(value, plainFrom, length)).append('"');
    }

    /** For a character from U+2028 up: written as it is unless U+2028, U+2029 or an unpaired surrogate. */
    private static boolean isPlainAbove2027(String value, int index, char c) {
        return c != '\u2028' && c != '\u2029' && !isUnpairedSurrogate(value, index);
    }

    private static boolean isUnpairedSurrogate(String value, int index) {
        char c = value.charAt(index);
        if (Character.isHighSurrogate(c)) {
            return index + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(index + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return index == 0 || !Character.isHighSurrogate(value.charAt(index - 1));
        }
        return false;
    }
}
