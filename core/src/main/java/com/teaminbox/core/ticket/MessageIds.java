package com.teaminbox.core.ticket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The message identifiers a reply points to (RFC 5322 §3.6.4), most relevant first: In-Reply-To,
 * then References from the newest to the oldest. Bounded, because References grows with every
 * reply of a long thread and each identifier costs a lookup.
 */
public final class MessageIds {
    public static final int MAX_LOOKED_UP = 20;
    /** One identifier in a header value: angle brackets around up to 250 characters without space or bracket. */
    public static final String MESSAGE_ID_PATTERN = "<[^<>\\s]{1,250}>";
    /** The most characters between the brackets of one identifier, as {@link #MESSAGE_ID_PATTERN} says. */
    private static final int MAX_ID_CHARS = 250;

    private MessageIds() {
    }

    public static List<String> referencedBy(Optional<String> inReplyTo, Optional<String> references) {
        Set<String> ordered = new LinkedHashSet<>(all(inReplyTo.orElse("")));
        List<String> referenced = all(references.orElse(""));
        for (int index = referenced.size() - 1; index >= 0; index--) {
            ordered.add(referenced.get(index));
        }
        return ordered.stream().limit(MAX_LOOKED_UP).collect(Collectors.toList());
    }

    /**
     * The first identifier of a header value, as {@link #MESSAGE_ID_PATTERN} finds it
     * ({@code <id> (comment)} gives {@code <id>}).
     */
    public static Optional<String> first(String header) {
        int from = 0;
        while (true) {
            int open = header.indexOf('<', from);
            if (open < 0) {
                return Optional.empty();
            }
            int end = identifierEnd(header, open);
            if (end > 0) {
                return Optional.of(header.substring(open, end));
            }
            from = open + 1;
        }
    }

    /**
     * Every identifier, left to right, as {@link #MESSAGE_ID_PATTERN}'s {@code find()} loop would
     * give them: a scan instead of the expression, because every mail's In-Reply-To and References
     * (dozens of identifiers in a long thread) go through it.
     */
    private static List<String> all(String header) {
        List<String> ids = new ArrayList<>();
        int from = 0;
        while (true) {
            int open = header.indexOf('<', from);
            if (open < 0) {
                return ids;
            }
            int end = identifierEnd(header, open);
            if (end > 0) {
                ids.add(header.substring(open, end));
                from = end;
            } else {
                from = open + 1;
            }
        }
    }

    /**
     * Where the identifier opened by the {@code <} at {@code open} ends (after its {@code >}), or -1:
     * 1 to {@value #MAX_ID_CHARS} characters that are no bracket and no white space, then {@code >}.
     * The longest such run is the only candidate: a shorter one is followed by one of its own characters.
     */
    private static int identifierEnd(String header, int open) {
        int index = open + 1;
        int limit = Math.min(header.length(), open + 1 + MAX_ID_CHARS);
        while (index < limit && isIdentifierCharacter(header.charAt(index))) {
            index++;
        }
        if (index == open + 1 || index >= header.length() || header.charAt(index) != '>') {
            return -1;
        }
        return index + 1;
    }

    /** Not in {@code [<>\s]}, where java.util.regex's {@code \s} is {@code [ \t\n\x0B\f\r]}. */
    private static boolean isIdentifierCharacter(char character) {
        return character != '<' && character != '>' && character != ' ' && character != '\t' && character != '\n'
            && character != '\u000B' && character != '\f' && character != '\r';
    }
}
