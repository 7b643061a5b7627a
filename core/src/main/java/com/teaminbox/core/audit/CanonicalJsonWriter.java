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

    private final StringBuilder out = new StringBuilder(256).append('{');
    private boolean empty = true;

    CanonicalJsonWriter string(String key, String value) {
        quote(name(key), value);
        return this;
    }

    CanonicalJsonWriter string(String key, Optional<String> value) {
        value.ifPresent(present -> string(key, present));
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

    String end() {
        return out.toString() + '}';
    }

    private StringBuilder name(String key) {
        if (!empty) {
            out.append(',');
        }
        empty = false;
        return quote(out, key).append(':');
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
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || isUnpairedSurrogate(value, index)) {
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                            .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
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
