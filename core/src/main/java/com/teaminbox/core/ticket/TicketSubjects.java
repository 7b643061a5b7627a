package com.teaminbox.core.ticket;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes ticket tags in subjects. Pure functions: no mail, no server.
 *
 * <p>A subject is treated as hostile text: a decoded encoded-word may carry CR, LF or other
 * control characters, and nothing we write may let them start a new header.
 */
public final class TicketSubjects {
    /**
     * Reply and forward prefixes of the mail clients our customers use, in their languages
     * (Re, Fwd, Fw; German AW/WG; French TR; Nordic SV/VS; Dutch Antw; Polish Odp; Italian R/Rif;
     * Portuguese Enc/Res), with Outlook's counters ({@code Re[2]:}), ASCII letters in any case. The
     * tag goes after them, so a re-tagged reply reads {@code Re: [SUP-1] Printer}, not
     * {@code [SUP-1] Re: Printer}.
     */
    private static final List<String> REPLY_WORDS =
        List.of("re", "fwd", "fw", "aw", "wg", "tr", "sv", "vs", "antw", "odp", "rif", "r", "enc", "res");
    /** The longest of {@link #REPLY_WORDS}. */
    private static final int LONGEST_REPLY_WORD = 4;
    /** Digits in Outlook's counter, {@code Re[2]:}. */
    private static final int MOST_COUNTER_DIGITS = 4;

    private TicketSubjects() {
    }

    /**
     * Puts the tag after any leading reply/forward prefixes: {@code "Printer"} →
     * {@code "[SUP-1] Printer"}, {@code "RE: AW: Printer"} → {@code "RE: AW: [SUP-1] Printer"}.
     * An empty subject becomes the tag alone.
     */
    public static String withTag(String subject, String tag) {
        String safe = singleLine(subject == null ? "" : subject);
        int prefixesEnd = replyPrefixesEnd(safe);
        String head = safe.substring(0, prefixesEnd).strip();
        String rest = safe.substring(prefixesEnd).strip();
        String tagged = rest.isEmpty() ? tag : tag + " " + rest;
        return head.isEmpty() ? tagged : head + " " + tagged;
    }

    /**
     * {@link #withTag(String, String)} with the tag {@code format} writes for {@code ticket}, built in one
     * buffer: no tag string, no head and rest substrings, no concatenations (every new ticket and every
     * reply that lost its tag, issue 18). The single line has no blank at either end, and its prefixes
     * end with a colon: the head needs no strip, the rest only its leading white space skipped.
     */
    static String withTag(String subject, TicketTagFormat format, TicketId ticket) {
        String safe = singleLine(subject == null ? "" : subject);
        int prefixesEnd = replyPrefixesEnd(safe);
        int restStart = prefixesEnd;
        while (restStart < safe.length() && Character.isWhitespace(safe.charAt(restStart))) {
            restStart++;
        }
        StringBuilder tagged = new StringBuilder(safe.length() + format.tagLength(ticket) + 2);
        if (prefixesEnd > 0) {
            tagged.append(safe, 0, prefixesEnd).append(' ');
        }
        format.appendTag(tagged, ticket);
        if (restStart < safe.length()) {
            tagged.append(' ').append(safe, restStart, safe.length());
        }
        return tagged.toString();
    }

    /** The subject with every occurrence of the tag but the first removed: a tag is never doubled. */
    public static String withSingleTag(String subject, Pattern tag) {
        String safe = singleLine(subject == null ? "" : subject);
        Matcher matcher = tag.matcher(safe);
        if (!matcher.find()) {
            return safe;
        }
        int firstEnd = matcher.end();
        String rest = tag.matcher(safe.substring(firstEnd)).replaceAll("");
        return singleLine(safe.substring(0, firstEnd) + rest);
    }

    /** The subject without any occurrence of the tag (a forged tag removed by policy). */
    public static String withoutTag(String subject, Pattern tag) {
        return singleLine(tag.matcher(subject == null ? "" : subject).replaceAll(""));
    }

    /**
     * {@link #withSingleTag(String, Pattern)} for one ticket's tag, as written ({@code [SUP-42]}),
     * found as {@code Pattern.compile(Pattern.quote(tag), Pattern.CASE_INSENSITIVE)} finds it
     * (letter case ignored for ASCII letters only) without compiling a pattern for each mail.
     */
    public static String withSingleTag(String subject, String tag) {
        String safe = singleLine(subject == null ? "" : subject);
        int first = indexOfTag(safe, tag, 0);
        if (first < 0) {
            return safe;
        }
        int firstEnd = first + tag.length();
        return singleLine(safe.substring(0, firstEnd) + withoutOccurrences(safe.substring(firstEnd), tag));
    }

    /** {@link #withoutTag(String, Pattern)} for one ticket's tag, found as {@link #withSingleTag(String, String)} finds it. */
    public static String withoutTag(String subject, String tag) {
        return singleLine(withoutOccurrences(subject == null ? "" : subject, tag));
    }

    /** As {@code Matcher.replaceAll("")}: occurrences removed left to right, none overlapping, the result not searched again. */
    private static String withoutOccurrences(String text, String tag) {
        int found = indexOfTag(text, tag, 0);
        if (found < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        int from = 0;
        while (found >= 0) {
            kept.append(text, from, found);
            from = found + tag.length();
            found = indexOfTag(text, tag, from);
        }
        return kept.append(text, from, text.length()).toString();
    }

    private static int indexOfTag(String text, String tag, int from) {
        for (int start = from; start <= text.length() - tag.length(); start++) {
            if (sameIgnoringAsciiCase(text, start, tag)) {
                return start;
            }
        }
        return -1;
    }

    /**
     * java.util.regex's CASE_INSENSITIVE without UNICODE_CASE: ASCII letters match either case, any
     * other character only itself (String.equalsIgnoreCase would also match the Kelvin sign to k).
     */
    private static boolean sameIgnoringAsciiCase(String text, int start, String tag) {
        for (int index = 0; index < tag.length(); index++) {
            if (asciiLowerCase(text.charAt(start + index)) != asciiLowerCase(tag.charAt(index))) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLowerCase(char character) {
        return character >= 'A' && character <= 'Z' ? (char) (character + ('a' - 'A')) : character;
    }

    /** The subject without leading reply/forward prefixes, for comparisons such as "is it vague?". */
    public static String withoutReplyPrefixes(String subject) {
        String safe = singleLine(subject == null ? "" : subject);
        return safe.substring(replyPrefixesEnd(safe)).stripLeading();
    }

    /**
     * Where the leading prefixes end, 0 without any. Read by hand, not by a regular expression: the
     * server runs this on every mail, mostly as C1-compiled code, where an expression of fourteen
     * alternatives cost about 10 µs a subject (issue 18); {@code TicketSubjectsTest} checks it
     * against the expression it replaces, {@code \s*(?:re|fwd?|…|res)(?:\[\d{1,4}])?\s*:},
     * case-insensitive. One prefix at a time: a subject of 1,000 {@code "Re: "} takes no stack.
     */
    static int replyPrefixesEnd(String subject) {
        int end = 0;
        for (int next = replyPrefixEnd(subject, 0); next >= 0; next = replyPrefixEnd(subject, end)) {
            end = next;
        }
        return end;
    }

    /** Where one prefix read from {@code from} ends (blanks, its word, a counter, blanks, the colon), or -1. */
    private static int replyPrefixEnd(String subject, int from) {
        int at = afterBlanks(subject, from);
        int wordStart = at;
        while (at < subject.length() && at - wordStart <= LONGEST_REPLY_WORD && isAsciiLetter(subject.charAt(at))) {
            at++;
        }
        if (!isReplyWord(subject, wordStart, at - wordStart)) {
            return -1;
        }
        if (at < subject.length() && subject.charAt(at) == '[') {
            int digitsStart = ++at;
            while (at < subject.length() && at - digitsStart <= MOST_COUNTER_DIGITS && isAsciiDigit(subject.charAt(at))) {
                at++;
            }
            int digits = at - digitsStart;
            if (digits == 0 || digits > MOST_COUNTER_DIGITS || at == subject.length() || subject.charAt(at) != ']') {
                return -1;
            }
            at++;
        }
        at = afterBlanks(subject, at);
        return at < subject.length() && subject.charAt(at) == ':' ? at + 1 : -1;
    }

    private static boolean isReplyWord(String subject, int start, int length) {
        for (String word : REPLY_WORDS) {
            if (word.length() == length && subject.regionMatches(true, start, word, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /** After the blanks {@code \s} matches (space, tab, line feed, vertical tab, form feed, carriage return). */
    private static int afterBlanks(String text, int from) {
        int at = from;
        while (at < text.length() && " \t\n\u000B\f\r".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        return at;
    }

    private static boolean isAsciiLetter(char character) {
        return character >= 'a' && character <= 'z' || character >= 'A' && character <= 'Z';
    }

    private static boolean isAsciiDigit(char character) {
        return character >= '0' && character <= '9';
    }

    /**
     * Control characters (CR and LF above all) become spaces, runs of blanks one space, ends trimmed.
     * {@code VagueSubjects.singleLineWithoutTags} writes the same characters ({@link #appendSingleLine}) while it sets tags aside.
     */
    public static String singleLine(String text) {
        if (isSingleLine(text)) {
            // the usual subject: nothing to replace, the expressions would copy it twice for nothing
            return text.strip();
        }
        // As replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", " ") then replaceAll(" {2,}", " "), in one pass
        // without expressions: a reply whose tag was removed ("Re:  Printer") takes this path on every
        // mail (issue 18), and the server runs it mostly C1-compiled.
        StringBuilder single = new StringBuilder(text.length());
        boolean afterSpace = false;
        for (int index = 0; index < text.length(); index++) {
            afterSpace = appendSingleLine(single, text.charAt(index), afterSpace);
        }
        return single.toString().strip();
    }

    /**
     * Appends {@code character} to {@code single} as {@link #singleLine} writes it: a line-breaking
     * character as a space, a space after a space not at all. {@code afterSpace}: whether {@code single}
     * ends with a space; the answer: whether it does now.
     */
    static boolean appendSingleLine(StringBuilder single, char character, boolean afterSpace) {
        char written = isLineBreaking(character) ? ' ' : character;
        if (written == ' ' && afterSpace) {
            return true;
        }
        single.append(written);
        return written == ' ';
    }

    /** What {@code [\p{Cntrl}\u2028\u2029\u0085]} matches: {@code \p{Cntrl}} is ASCII's, U+0000 to U+001F and U+007F. */
    static boolean isLineBreaking(char character) {
        return character < 0x20 || character == 0x7F || character == '\u2028' || character == '\u2029' || character == '\u0085';
    }

    /** No line-breaking character ({@link #isLineBreaking}) and no two spaces in a row. */
    private static boolean isSingleLine(String text) {
        char previous = 0;
        for (int index = 0; index < text.length(); index++) {
            char current = text.charAt(index);
            if (isLineBreaking(current) || current == ' ' && previous == ' ') {
                return false;
            }
            previous = current;
        }
        return true;
    }
}
