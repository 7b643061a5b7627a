package com.teaminbox.core.outgoing;

import java.util.Locale;
import java.util.Set;

/**
 * The text of an HTML body as a reader sees it, in one pass with constant memory: tags become a
 * blank, the common character references are decoded ({@code &nbsp; &amp; &#52; &#x34;}), and the
 * content of {@code <script>}, {@code <style>} and, when quoted text is skipped, of
 * {@code <blockquote>} (where clients put the message answered) is dropped. Tag names and references
 * are read up to a small bound; a longer one is taken as text.
 */
final class HtmlToText implements CharSink {
    private static final int MAX_NAME = 16;
    private static final int MAX_REFERENCE = 10;

    /** Tags that do not separate words: {@code 4111<b>1111</b>} reads as one number. */
    private static final Set<String> INLINE = Set.of("a", "b", "i", "u", "s", "em", "strong", "span", "font", "small", "big",
        "sub", "sup", "code", "mark", "abbr", "wbr");

    private enum State { TEXT, TAG, REFERENCE }

    private final CharSink next;
    private final boolean skipQuoted;
    private final StringBuilder name = new StringBuilder(MAX_NAME);
    private final StringBuilder reference = new StringBuilder(MAX_REFERENCE);
    private State state = State.TEXT;
    private boolean nameDone;
    private int quoteDepth;
    private boolean inScript;
    private boolean lastBlank;

    HtmlToText(CharSink next, boolean skipQuoted) {
        this.next = next;
        this.skipQuoted = skipQuoted;
    }

    @Override
    public void put(char c) {
        switch (state) {
            case TEXT -> text(c);
            case TAG -> tag(c);
            case REFERENCE -> reference(c);
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private void text(char c) {
        if (c == '<') {
            state = State.TAG;
            name.setLength(0);
            nameDone = false;
        } else if (c == '&') {
            state = State.REFERENCE;
            reference.setLength(0);
        } else {
            emit(c);
        }
    }

    private void tag(char c) {
        if (c == '>') {
            state = State.TEXT;
            String tag = name.toString().toLowerCase(Locale.ROOT);
            endTag(tag);
            if (!INLINE.contains(tag.startsWith("/") ? tag.substring(1) : tag)) {
                emit(' ');
            }
            return;
        }
        if (nameDone) {
            return;
        }
        if (Character.isWhitespace(c) || (c == '/' && name.length() > 0)) {
            nameDone = true;
        } else if (name.length() < MAX_NAME) {
            name.append(c);
        }
    }

    private void endTag(String tag) {
        switch (tag) {
            case "blockquote" -> quoteDepth++;
            case "/blockquote" -> quoteDepth = Math.max(0, quoteDepth - 1);
            case "script", "style" -> inScript = true;
            case "/script", "/style" -> inScript = false;
            default -> {
            }
        }
    }

    private void reference(char c) {
        if (c == ';') {
            state = State.TEXT;
            emitReference(reference.toString());
            return;
        }
        if (reference.length() >= MAX_REFERENCE || !(Character.isLetterOrDigit(c) || c == '#')) {
            state = State.TEXT;
            emit('&');
            for (int i = 0; i < reference.length(); i++) {
                emit(reference.charAt(i));
            }
            text(c);
            return;
        }
        reference.append(c);
    }

    private void emitReference(String ref) {
        switch (ref) {
            case "nbsp" -> emit(' ');
            case "amp" -> emit('&');
            case "lt" -> emit('<');
            case "gt" -> emit('>');
            case "quot" -> emit('"');
            case "apos" -> emit('\'');
            default -> {
                if (!emitNumeric(ref)) {
                    emit(' ');
                }
            }
        }
    }

    private boolean emitNumeric(String ref) {
        if (ref.length() < 2 || ref.charAt(0) != '#') {
            return false;
        }
        try {
            boolean hex = ref.charAt(1) == 'x' || ref.charAt(1) == 'X';
            int code = hex ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1));
            if (code == 0xA0) {
                emit(' ');
            } else if (code > 0 && code < 0x10000) {
                emit((char) code);
            } else {
                emit(' ');
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void emit(char c) {
        if (inScript || (skipQuoted && quoteDepth > 0)) {
            return;
        }
        // HTML shows a run of blanks as one: "4111 <br> 1111" is one gap, as a reader sees it.
        boolean blank = Character.isWhitespace(c);
        if (blank && lastBlank) {
            return;
        }
        lastBlank = blank;
        next.put(blank ? ' ' : c);
    }

    @Override
    public void end() {
        next.end();
    }
}
