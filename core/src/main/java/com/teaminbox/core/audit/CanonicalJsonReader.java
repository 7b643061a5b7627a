package com.teaminbox.core.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back the members {@link CanonicalJsonWriter} wrote, in the order the caller names them:
 * one object without whitespace, strings, non-negative integers and objects of strings. It only
 * takes the values out; it does not judge the spelling (an escape where none was needed, a
 * leading zero), because {@link AuditRecord#parse} writes the line again from what was read and
 * refuses it unless it comes out identical. Anything else, an unknown or a missing member among
 * them, fails here naming what was expected.
 */
final class CanonicalJsonReader {
    /** No record we write comes near this; a longer line is not ours. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private final String text;
    private int position;

    CanonicalJsonReader(String text) {
        if (text.length() > MAX_LINE_CHARS) {
            throw new MalformedAuditRecordException("line longer than " + MAX_LINE_CHARS + " characters");
        }
        this.text = text;
        expect('{');
    }

    long number(String name) {
        member(name);
        int start = position;
        while (position < text.length() && Character.isDigit(text.charAt(position)) && text.charAt(position) < 0x80) {
            position++;
        }
        try {
            return Long.parseLong(text.substring(start, position));
        } catch (NumberFormatException e) {
            throw error("\"" + name + "\" must be a number");
        }
    }

    String string(String name) {
        member(name);
        if (!at('"')) {
            throw error("\"" + name + "\" must be a string");
        }
        return string();
    }

    Optional<String> optionalString(String name) {
        return has(name) ? Optional.of(string(name)) : Optional.empty();
    }

    /** A nested object of strings, absent when its member is. */
    Optional<Map<String, String>> object(String name) {
        if (!has(name)) {
            return Optional.empty();
        }
        member(name);
        if (!at('{')) {
            throw error("\"" + name + "\" must be an object");
        }
        expect('{');
        Map<String, String> members = new LinkedHashMap<>();
        while (!at('}')) {
            if (!members.isEmpty()) {
                expect(',');
            }
            String key = string();
            expect(':');
            if (!at('"')) {
                throw error("a nested object holds strings only");
            }
            members.put(key, string());
        }
        expect('}');
        return Optional.of(Collections.unmodifiableMap(members));
    }

    /** After the last member: the closing brace, and nothing after it. */
    void end() {
        if (at(',')) {
            throw error("unknown member after the last one");
        }
        expect('}');
        if (position != text.length()) {
            throw error("text after the closing '}'");
        }
    }

    private boolean has(String name) {
        return text.startsWith(",\"" + name + "\":", position);
    }

    private void member(String name) {
        String expected = (position == 1 ? "" : ",") + "\"" + name + "\":";
        if (!text.startsWith(expected, position)) {
            throw error("missing member \"" + name + "\"");
        }
        position += expected.length();
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> value.append(escape);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicodeEscape());
                default -> throw error("unknown escape \\" + escape);
            }
        }
    }

    private char unicodeEscape() {
        if (position + 4 > text.length()) {
            throw error("an incomplete \\u escape");
        }
        try {
            char code = (char) Integer.parseInt(text.substring(position, position + 4), 16);
            position += 4;
            return code;
        } catch (NumberFormatException e) {
            throw error("a \\u escape needs four hexadecimal digits");
        }
    }

    private boolean at(char expected) {
        return position < text.length() && text.charAt(position) == expected;
    }

    private char next() {
        if (position >= text.length()) {
            throw error("unexpected end of line");
        }
        return text.charAt(position++);
    }

    private void expect(char expected) {
        if (!at(expected)) {
            throw error("expected '" + expected + "'");
        }
        position++;
    }

    private MalformedAuditRecordException error(String problem) {
        return new MalformedAuditRecordException(problem + " at column " + (position + 1));
    }
}
