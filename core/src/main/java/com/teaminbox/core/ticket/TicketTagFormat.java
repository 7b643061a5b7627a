package com.teaminbox.core.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a ticket is written in a subject: a template with {@code {prefix}} and {@code {number}}
 * each exactly once, {@value #DEFAULT_TEMPLATE} by default ({@code [SUP-1042]}); Request Tracker's
 * style is {@code [{prefix} #{number}]}. The same template is used to write tags and to find them,
 * case-insensitively, so {@code [sup-7]} typed by hand is still ticket 7.
 */
public final class TicketTagFormat {
    public static final String DEFAULT_TEMPLATE = "[{prefix}-{number}]";
    public static final TicketTagFormat DEFAULT = of(DEFAULT_TEMPLATE);
    public static final int MAX_TEMPLATE_LENGTH = 40;
    /** Longest number we read in a tag; longer digit runs are someone else's identifier. */
    static final int MAX_NUMBER_DIGITS = 18;

    private static final String PREFIX = "{prefix}";
    private static final String NUMBER = "{number}";

    private final String template;
    /** The template around its placeholders, in order: a tag is written on every mail, without two replace passes. */
    private final String beforeFirst;
    private final String between;
    private final String afterSecond;
    private final boolean prefixFirst;
    /**
     * Whether tags are found by {@link #tagEnd} rather than the pattern: not for a template with
     * characters outside the BMP, which java.util.regex steps over as code points.
     */
    private final boolean scannable;
    /** Compiled once per prefix: each mail looks for tags several times, and a shared mailbox has one prefix. */
    private final Map<TicketPrefix, Pattern> prefixPatterns = new ConcurrentHashMap<>();

    public static TicketTagFormat of(String template) {
        Objects.requireNonNull(template, "template");
        if (template.length() > MAX_TEMPLATE_LENGTH || template.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("ticket format '" + template.replaceAll("\\p{Cntrl}", "?")
                + "' is longer than " + MAX_TEMPLATE_LENGTH + " characters or contains control characters");
        }
        if (occurrences(template, PREFIX) != 1 || occurrences(template, NUMBER) != 1) {
            throw new IllegalArgumentException("ticket format '" + template
                + "' must contain {prefix} and {number} exactly once, as in " + DEFAULT_TEMPLATE);
        }
        if (template.indexOf(PREFIX) + PREFIX.length() == template.indexOf(NUMBER)) {
            throw new IllegalArgumentException("ticket format '" + template
                + "' needs a separator between {prefix} and {number}, as in " + DEFAULT_TEMPLATE);
        }
        if (template.replace(PREFIX, "").replace(NUMBER, "").matches(".*[{}].*")) {
            throw new IllegalArgumentException("ticket format '" + template
                + "' has a placeholder other than {prefix} and {number}");
        }
        return new TicketTagFormat(template);
    }

    private TicketTagFormat(String template) {
        this.template = template;
        int prefixAt = template.indexOf(PREFIX);
        int numberAt = template.indexOf(NUMBER);
        this.prefixFirst = prefixAt < numberAt;
        int firstAt = Math.min(prefixAt, numberAt);
        int secondAt = Math.max(prefixAt, numberAt);
        int firstLength = prefixFirst ? PREFIX.length() : NUMBER.length();
        int secondLength = prefixFirst ? NUMBER.length() : PREFIX.length();
        this.beforeFirst = template.substring(0, firstAt);
        this.between = template.substring(firstAt + firstLength, secondAt);
        this.afterSecond = template.substring(secondAt + secondLength);
        this.scannable = template.codePoints().allMatch(Character::isBmpCodePoint);
    }

    public String template() {
        return template;
    }

    /** {@code [SUP-1042]} for the default template. */
    public String tag(TicketId ticket) {
        // As template.replace(PREFIX, prefix).replace(NUMBER, number): each placeholder is there once, and
        // a prefix ([A-Z][A-Z0-9]*) cannot spell a placeholder.
        String prefix = ticket.prefix().value();
        String number = Long.toString(ticket.number());
        return beforeFirst + (prefixFirst ? prefix : number) + between + (prefixFirst ? number : prefix) + afterSecond;
    }

    /**
     * Appends {@link #tag(TicketId)} to {@code text}: a new ticket's subject is built in one buffer,
     * without the tag as a string of its own (issue 18).
     */
    void appendTag(StringBuilder text, TicketId ticket) {
        String prefix = ticket.prefix().value();
        long number = ticket.number();
        text.append(beforeFirst);
        if (prefixFirst) {
            text.append(prefix).append(between).append(number);
        } else {
            text.append(number).append(between).append(prefix);
        }
        text.append(afterSecond);
    }

    /** The length of {@link #tag(TicketId)}, without writing it. */
    int tagLength(TicketId ticket) {
        return beforeFirst.length() + between.length() + afterSecond.length() + ticket.prefix().value().length()
            + decimalLength(ticket.number());
    }

    private static int decimalLength(long positive) {
        int digits = 1;
        for (long rest = positive / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    /**
     * Whether a tag of {@code prefix} may start with this character: the test {@link #tagEnd} makes
     * first (the template's first literal character, else the prefix's first letter, else a digit,
     * ASCII letters in either case), made before the call on each position of a subject (issue 18).
     */
    boolean mayStartTag(char character, String prefix) {
        if (!beforeFirst.isEmpty()) {
            return asciiLowerCase(character) == asciiLowerCase(beforeFirst.charAt(0));
        }
        if (prefixFirst) {
            return asciiLowerCase(character) == asciiLowerCase(prefix.charAt(0));
        }
        return character >= '0' && character <= '9';
    }

    /** Whether {@link #tagEnd(String, int, TicketPrefix, int[])} finds this format's tags (see {@link #scannable}). */
    boolean isScannable() {
        return scannable;
    }

    /**
     * Where a tag of {@code prefix} starting at {@code start} ends, or -1, as {@link #withoutTags} reads
     * the subject position by position: for a reader that sets tags aside in its own single pass.
     * {@code number} (two ints) receives the number's bounds. Only for a scannable format.
     */
    int tagEnd(String text, int start, TicketPrefix prefix, int[] number) {
        return tagEnd(text, start, prefix.value(), number);
    }

    /** Every tag of this prefix in the subject, in order of appearance, duplicates included. */
    public List<TicketId> findAll(String subject, TicketPrefix prefix) {
        List<TicketId> found = new ArrayList<>();
        if (subject == null) {
            return found;
        }
        if (!scannable) {
            Matcher matcher = pattern(prefix).matcher(subject);
            while (matcher.find()) {
                addPositive(found, prefix, matcher.group(1));
            }
            return found;
        }
        int[] number = new int[2];
        String prefixText = prefix.value();
        int from = 0;
        while (from < subject.length()) {
            int end = mayStartTag(subject.charAt(from), prefixText) ? tagEnd(subject, from, prefixText, number) : -1;
            if (end < 0) {
                from++;
                continue;
            }
            addPositive(found, prefix, subject.substring(number[0], number[1]));
            from = end;
        }
        return found;
    }

    /** The subject with every tag of this prefix removed, as {@code pattern(prefix).matcher(subject).replaceAll("")}. */
    public String withoutTags(String subject, TicketPrefix prefix) {
        if (!scannable) {
            return pattern(prefix).matcher(subject).replaceAll("");
        }
        StringBuilder kept = null;
        int[] number = new int[2];
        int keptUpTo = 0;
        String prefixText = prefix.value();
        int from = 0;
        while (from < subject.length()) {
            int end = mayStartTag(subject.charAt(from), prefixText) ? tagEnd(subject, from, prefixText, number) : -1;
            if (end < 0) {
                from++;
                continue;
            }
            if (kept == null) {
                kept = new StringBuilder(subject.length());
            }
            kept.append(subject, keptUpTo, from);
            keptUpTo = end;
            from = end;
        }
        return kept == null ? subject : kept.append(subject, keptUpTo, subject.length()).toString();
    }

    private static void addPositive(List<TicketId> found, TicketPrefix prefix, String digits) {
        long number = Long.parseLong(digits);
        if (number > 0) {
            found.add(TicketId.of(prefix, number));
        }
    }

    /**
     * Where a tag of {@code prefix} starting at {@code start} ends, or -1, the number's digits then
     * in {@code number[0]} to {@code number[1]}: what {@link #pattern(TicketPrefix)} matches there,
     * without java.util.regex (every mail of a shared mailbox is searched for tags, issue 18).
     * The pattern is case-insensitive without UNICODE_CASE (ASCII letters only), its number
     * {@code \d{1,18}(?!\d)} is a run of 1 to 18 ASCII digits, and a template starting with the
     * prefix must not follow an ASCII letter or digit.
     */
    private int tagEnd(String text, int start, String prefix, int[] number) {
        if (beforeFirst.isEmpty() && prefixFirst && start > 0 && isAsciiAlphanumeric(text.charAt(start - 1))) {
            return -1;
        }
        int at = literalEnd(text, start, beforeFirst);
        if (at < 0) {
            return -1;
        }
        if (prefixFirst) {
            at = literalEnd(text, at, prefix);
            at = at < 0 ? -1 : literalEnd(text, at, between);
            at = at < 0 ? -1 : digitsEnd(text, at, number);
        } else {
            at = digitsEnd(text, at, number);
            at = at < 0 ? -1 : literalEnd(text, at, between);
            at = at < 0 ? -1 : literalEnd(text, at, prefix);
        }
        return at < 0 ? -1 : literalEnd(text, at, afterSecond);
    }

    private static int literalEnd(String text, int start, String literal) {
        if (start + literal.length() > text.length()) {
            return -1;
        }
        for (int index = 0; index < literal.length(); index++) {
            if (asciiLowerCase(text.charAt(start + index)) != asciiLowerCase(literal.charAt(index))) {
                return -1;
            }
        }
        return start + literal.length();
    }

    /** A greedy {@code \d{1,18}} then {@code (?!\d)}: a run of ASCII digits no longer than the limit. */
    private static int digitsEnd(String text, int start, int[] number) {
        int end = start;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        if (end == start || end - start > MAX_NUMBER_DIGITS) {
            return -1;
        }
        number[0] = start;
        number[1] = end;
        return end;
    }

    private static char asciiLowerCase(char character) {
        return character >= 'A' && character <= 'Z' ? (char) (character + ('a' - 'A')) : character;
    }

    private static boolean isAsciiAlphanumeric(char character) {
        return character >= 'a' && character <= 'z' || character >= 'A' && character <= 'Z' || character >= '0' && character <= '9';
    }

    /** A pattern matching this prefix's tags, the number in group 1. */
    public Pattern pattern(TicketPrefix prefix) {
        return prefixPatterns.computeIfAbsent(prefix, this::compile);
    }

    private Pattern compile(TicketPrefix prefix) {
        String regex = Pattern.quote(template)
            .replace(PREFIX, "\\E" + Pattern.quote(prefix.value()) + "\\Q")
            .replace(NUMBER, "\\E(\\d{1," + MAX_NUMBER_DIGITS + "})(?!\\d)\\Q");
        if (template.startsWith(PREFIX)) {
            // Without a leading bracket, "XSUP-1" must not read as SUP-1.
            regex = "(?<![\\p{Alnum}])" + regex;
        }
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** A pattern matching exactly this ticket's tag. */
    public Pattern pattern(TicketId ticket) {
        return Pattern.compile(Pattern.quote(tag(ticket)), Pattern.CASE_INSENSITIVE);
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
            count++;
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicketTagFormat && template.equals(((TicketTagFormat) o).template);
    }

    @Override
    public int hashCode() {
        return template.hashCode();
    }

    @Override
    public String toString() {
        return template;
    }
}
