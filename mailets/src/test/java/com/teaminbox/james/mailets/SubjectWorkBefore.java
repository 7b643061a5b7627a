package com.teaminbox.james.mailets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.teaminbox.core.ticket.ForgedTagPolicy;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.core.ticket.TicketTagFormat;
import com.teaminbox.core.ticket.TicketThreading;

/**
 * AssignTicket's subject work as it was before the fifteenth round ({@code ticket16}), kept to compare
 * the new code with (same answers, {@code SubjectWorkEqualityTest}) and to measure it against
 * ({@code AssignTicketSubjectCostLoop}): the new ticket's subject built from the tag as a string, head
 * and rest substrings; the vague check in four passes (tags removed, single line, reply prefixes, kept
 * characters), the tag search trying every position. The parts that did not change are called where
 * they are.
 */
final class SubjectWorkBefore {

    private SubjectWorkBefore() {
    }

    /** {@code TicketThreading.Decision} as the old code made it. */
    record Decision(Optional<TicketId> ticket, TicketThreading.Reason reason, String baseSubject, List<TicketId> forgedTags) {
    }

    /** {@code TicketThreading.decide} as it was, with the tag search as it was ({@link Tags}). */
    static Decision decide(Tags format, ForgedTagPolicy policy, TicketPrefix prefix, String subject, Predicate<TicketId> issued,
                           Supplier<Optional<TicketId>> fromReferences) {
        List<TicketId> tags = format.findAll(subject, prefix);
        for (TicketId tag : tags) {
            if (issued.test(tag)) {
                return new Decision(Optional.of(tag), TicketThreading.Reason.KNOWN_TAG, subject, List.of());
            }
        }
        List<TicketId> forged = tags.isEmpty() ? List.of() : new ArrayList<>(new LinkedHashSet<>(tags));
        String base = subject == null ? "" : subject;
        if (policy == ForgedTagPolicy.REMOVE) {
            for (TicketId tag : forged) {
                base = TicketSubjects.withoutTag(base, format.format.tag(tag));
            }
        }
        Optional<TicketId> referenced = fromReferences.get();
        if (referenced.isPresent()) {
            return new Decision(referenced, TicketThreading.Reason.REFERENCES, base, List.copyOf(forged));
        }
        return new Decision(Optional.empty(), TicketThreading.Reason.NEW_TICKET, base, List.copyOf(forged));
    }

    /** {@code TicketThreading.subjectFor} as it was. */
    static String subjectFor(Decision decision, TicketTagFormat format, TicketId ticket) {
        return subjectFor(decision.reason(), decision.baseSubject(), format, ticket);
    }

    /** {@code TicketTagFormat}'s tag search as it was (a scannable template): tagEnd tried on every position. */
    static final class Tags {
        private static final String PREFIX = "{prefix}";
        private static final String NUMBER = "{number}";
        final TicketTagFormat format;
        private final String beforeFirst;
        private final String between;
        private final String afterSecond;
        private final boolean prefixFirst;

        Tags(TicketTagFormat format) {
            this.format = format;
            String template = format.template();
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
            if (!template.codePoints().allMatch(Character::isBmpCodePoint)) {
                throw new IllegalArgumentException("only scannable templates");
            }
        }

        List<TicketId> findAll(String subject, TicketPrefix prefix) {
            List<TicketId> found = new ArrayList<>();
            if (subject == null) {
                return found;
            }
            int[] number = new int[2];
            int from = 0;
            while (from <= subject.length()) {
                int end = tagEnd(subject, from, prefix.value(), number);
                if (end < 0) {
                    from++;
                    continue;
                }
                long value = Long.parseLong(subject.substring(number[0], number[1]));
                if (value > 0) {
                    found.add(TicketId.of(prefix, value));
                }
                from = end;
            }
            return found;
        }

        String withoutTags(String subject, TicketPrefix prefix) {
            StringBuilder kept = null;
            int[] number = new int[2];
            int keptUpTo = 0;
            int from = 0;
            while (from <= subject.length()) {
                int end = tagEnd(subject, from, prefix.value(), number);
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

        private static int digitsEnd(String text, int start, int[] number) {
            int end = start;
            while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                end++;
            }
            if (end == start || end - start > 18) {
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
    }

    /** The subject before the decision, as {@code TicketThreading.decide} made it (forged tags removed by policy). */
    static String baseSubject(String subject, TicketThreading.Decision decision, TicketTagFormat format, ForgedTagPolicy policy) {
        String base = subject == null ? "" : subject;
        if (policy == ForgedTagPolicy.REMOVE) {
            for (TicketId tag : decision.forgedTags()) {
                base = TicketSubjects.withoutTag(base, format.tag(tag));
            }
        }
        return base;
    }

    /** {@code TicketThreading.subjectFor} as it was. */
    static String subjectFor(TicketThreading.Decision decision, String baseSubject, TicketTagFormat format, TicketId ticket) {
        return subjectFor(decision.reason(), baseSubject, format, ticket);
    }

    private static String subjectFor(TicketThreading.Reason reason, String baseSubject, TicketTagFormat format, TicketId ticket) {
        if (reason == TicketThreading.Reason.KNOWN_TAG) {
            return TicketSubjects.withSingleTag(baseSubject, format.tag(ticket));
        }
        // the two-argument withTag is main's still, unchanged: the tag as a string, head and rest as substrings
        return TicketSubjects.withTag(baseSubject, format.tag(ticket));
    }

    /** {@code VagueSubjects.isVague} as it was, for the given list of vague subjects. */
    static final class Vague {
        private final Set<String> normalizedSubjects;
        private final int longestNormalized;

        Vague(List<String> subjects) {
            this.normalizedSubjects = subjects.stream().map(Vague::normalize).collect(Collectors.toSet());
            this.longestNormalized = normalizedSubjects.stream().mapToInt(String::length).max().orElse(0);
        }

        /** With the tag search as it was, for a scannable template. */
        boolean isVague(String subject, Tags format, TicketPrefix prefix) {
            return isVague(subject == null ? "" : format.withoutTags(subject, prefix));
        }

        /** With the format's own tag search (the expression for a template outside the BMP). */
        boolean isVague(String subject, TicketTagFormat format, TicketPrefix prefix) {
            return isVague(subject == null ? "" : format.withoutTags(subject, prefix));
        }

        private boolean isVague(String withoutTags) {
            String withoutOurTags = TicketSubjects.singleLine(withoutTags);
            String rest = TicketSubjects.withoutReplyPrefixes(withoutOurTags);
            if (keptCharacters(rest) > longestNormalized) {
                return false;
            }
            String normalized = normalize(rest);
            return normalized.isEmpty() || normalizedSubjects.contains(normalized);
        }

        private static int keptCharacters(String text) {
            int kept = 0;
            for (int index = 0; index < text.length(); index++) {
                char character = text.charAt(index);
                if (!isPunctuationOrSpace(character) && !Character.isWhitespace(character)) {
                    kept++;
                }
            }
            return kept;
        }

        private static String normalize(String subject) {
            String withoutParentheses = subject.strip().toLowerCase(Locale.ROOT);
            if (withoutParentheses.equals("(no subject)")) {
                return "no subject";
            }
            StringBuilder normalized = new StringBuilder(withoutParentheses.length());
            boolean inRun = false;
            for (int index = 0; index < withoutParentheses.length(); index++) {
                char character = withoutParentheses.charAt(index);
                if (isPunctuationOrSpace(character)) {
                    if (!inRun) {
                        normalized.append(' ');
                        inRun = true;
                    }
                } else {
                    normalized.append(character);
                    inRun = false;
                }
            }
            return normalized.toString().strip();
        }

        private static boolean isPunctuationOrSpace(char character) {
            if (character == ' ' || character >= '\t' && character <= '\r') {
                return true;
            }
            return character >= '!' && character <= '/' || character >= ':' && character <= '@'
                || character >= '[' && character <= '`' || character >= '{' && character <= '~';
        }
    }
}
