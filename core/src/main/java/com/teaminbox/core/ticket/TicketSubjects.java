package com.teaminbox.core.ticket;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes ticket tags in subjects. Pure functions: no mail, no server.
 *
 * <p>A subject is treated as hostile text: a decoded encoded-word may carry CR, LF or other
 * control characters, and nothing we write may let them start a new header.
 */
public final class TicketSubjects {
    /** Longest number we read in a tag; longer digit runs are someone else's identifier. */
    static final int MAX_NUMBER_DIGITS = 18;

    private TicketSubjects() {
    }

    /** The first tag of this prefix in the subject, e.g. {@code SUP-7} in {@code "Re: [SUP-7] Printer"}. */
    public static Optional<TicketId> findTicket(String subject, TicketPrefix prefix) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher matcher = tagPattern(prefix).matcher(subject);
        while (matcher.find()) {
            long number = Long.parseLong(matcher.group(1));
            if (number > 0) {
                return Optional.of(TicketId.of(prefix, number));
            }
        }
        return Optional.empty();
    }

    /** {@code "[SUP-1] Printer broken"}: the tag first, then the original subject, made safe for a header. */
    public static String withTag(String subject, TicketId ticket) {
        String safe = singleLine(subject == null ? "" : subject);
        if (safe.isEmpty()) {
            return ticket.tag();
        }
        return ticket.tag() + " " + safe;
    }

    /** Control characters (CR and LF above all) become spaces, runs of blanks one space, ends trimmed. */
    public static String singleLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\u2028\\u2029\\u0085]", " ")
            .replaceAll(" {2,}", " ")
            .strip();
    }

    private static Pattern tagPattern(TicketPrefix prefix) {
        return Pattern.compile("\\[" + Pattern.quote(prefix.value()) + "-(\\d{1," + MAX_NUMBER_DIGITS + "})]",
            Pattern.CASE_INSENSITIVE);
    }
}
