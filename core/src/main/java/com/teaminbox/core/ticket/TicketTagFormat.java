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

    /** Every tag of this prefix in the subject, in order of appearance, duplicates included. */
    public List<TicketId> findAll(String subject, TicketPrefix prefix) {
        List<TicketId> found = new ArrayList<>();
        if (subject == null) {
            return found;
        }
        Matcher matcher = pattern(prefix).matcher(subject);
        while (matcher.find()) {
            long number = Long.parseLong(matcher.group(1));
            if (number > 0) {
                found.add(TicketId.of(prefix, number));
            }
        }
        return found;
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
