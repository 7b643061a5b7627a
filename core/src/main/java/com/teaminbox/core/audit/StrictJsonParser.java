package com.teaminbox.core.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads our own flat JSON and nothing else: one object without whitespace whose members are
 * strings, non-negative integers or objects of strings (one level deep). Arrays, literals,
 * fractions, duplicate names and trailing text are refused, so a line can only mean one thing.
 * Values are {@link String}, {@link Long} or an unmodifiable {@code Map<String, String>}.
 */
final class StrictJsonParser {
    /** No record we write comes near this; a longer line is not ours. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private final String text;
    private int position;

    private StrictJsonParser(String text) {
        this.text = text;
    }

    static Map<String, Object> parse(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            throw new MalformedAuditRecordException("line longer than " + MAX_LINE_CHARS + " characters");
        }
        StrictJsonParser parser = new StrictJsonParser(line);
        Map<String, Object> members = parser.object(true);
        if (parser.position != line.length()) {
            throw parser.error("text after the closing '}'");
        }
        return members;
    }

    private Map<String, Object> object(boolean outermost) {
        expect('{');
        Map<String, Object> members = new LinkedHashMap<>();
        if (peek() == '}') {
            position++;
            return Collections.unmodifiableMap(members);
        }
        do {
            int start = position;
            String name = string();
            expect(':');
            Object value = value(outermost);
            if (members.putIfAbsent(name, value) != null) {
                position = start;
                throw error("duplicate member " + CanonicalJsonWriter.quote(name));
            }
        } while (consume(','));
        expect('}');
        return Collections.unmodifiableMap(members);
    }

    private Object value(boolean objectAllowed) {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c >= '0' && c <= '9') {
            return number();
        }
        if (c == '{' && objectAllowed) {
            Map<String, Object> nested = object(false);
            for (Object value : nested.values()) {
                if (!(value instanceof String)) {
                    throw error("a nested object holds strings only");
                }
            }
            return nested;
        }
        throw error(objectAllowed ? "expected a string, a number or an object" : "expected a string or a number");
    }

    private Long number() {
        int start = position;
        while (position < text.length() && text.charAt(position) >= '0' && text.charAt(position) <= '9') {
            position++;
        }
        String digits = text.substring(start, position);
        if (digits.length() > 1 && digits.charAt(0) == '0') {
            position = start;
            throw error("leading zero in a number");
        }
        if (position < text.length() && ".eE".indexOf(text.charAt(position)) >= 0) {
            throw error("only integers are allowed");
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            position = start;
            throw error("number too large");
        }
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = next("an unterminated string");
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                position--;
                throw error("raw control character U+" + String.format("%04X", (int) c) + " in a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escape = next("an unterminated escape");
            switch (escape) {
                case '"' -> value.append('"');
                case '\\' -> value.append('\\');
                case '/' -> value.append('/');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicodeEscape());
                default -> {
                    position--;
                    throw error("unknown escape \\" + escape);
                }
            }
        }
    }

    private char unicodeEscape() {
        if (position + 4 > text.length()) {
            throw error("an incomplete \\u escape");
        }
        int code = 0;
        for (int index = 0; index < 4; index++) {
            int digit = Character.digit(text.charAt(position + index), 16);
            if (digit < 0) {
                throw error("a \\u escape needs four hexadecimal digits");
            }
            code = code * 16 + digit;
        }
        position += 4;
        return (char) code;
    }

    private char peek() {
        if (position >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(position);
    }

    private char next(String whatEnded) {
        if (position >= text.length()) {
            throw error(whatEnded);
        }
        return text.charAt(position++);
    }

    private boolean consume(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private void expect(char expected) {
        if (!consume(expected)) {
            throw error("expected '" + expected + "'");
        }
    }

    private MalformedAuditRecordException error(String problem) {
        return new MalformedAuditRecordException(problem + " at column " + (position + 1));
    }
}
