package com.teaminbox.james.mailets;

import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * characters). The parts that did not change are called where they are.
 */
final class SubjectWorkBefore {
    private static final List<String> REPLY_WORDS =
        List.of("re", "fwd", "fw", "aw", "wg", "tr", "sv", "vs", "antw", "odp", "rif", "r", "enc", "res");
    private static final int LONGEST_REPLY_WORD = 4;
    private static final int MOST_COUNTER_DIGITS = 4;

    private SubjectWorkBefore() {
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
        if (decision.reason() == TicketThreading.Reason.KNOWN_TAG) {
            return TicketSubjects.withSingleTag(baseSubject, format.tag(ticket));
        }
        return withTag(baseSubject, format.tag(ticket));
    }

    /** {@code TicketSubjects.withTag} as it was. */
    static String withTag(String subject, String tag) {
        String safe = TicketSubjects.singleLine(subject == null ? "" : subject);
        int prefixesEnd = replyPrefixesEnd(safe);
        String head = safe.substring(0, prefixesEnd).strip();
        String rest = safe.substring(prefixesEnd).strip();
        String tagged = rest.isEmpty() ? tag : tag + " " + rest;
        return head.isEmpty() ? tagged : head + " " + tagged;
    }

    /** {@code VagueSubjects.isVague} as it was, for the given list of vague subjects. */
    static final class Vague {
        private final Set<String> normalizedSubjects;
        private final int longestNormalized;

        Vague(List<String> subjects) {
            this.normalizedSubjects = subjects.stream().map(Vague::normalize).collect(Collectors.toSet());
            this.longestNormalized = normalizedSubjects.stream().mapToInt(String::length).max().orElse(0);
        }

        boolean isVague(String subject, TicketTagFormat format, TicketPrefix prefix) {
            String withoutOurTags = TicketSubjects.singleLine(subject == null ? "" : format.withoutTags(subject, prefix));
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

    private static int replyPrefixesEnd(String subject) {
        int end = 0;
        for (int next = replyPrefixEnd(subject, 0); next >= 0; next = replyPrefixEnd(subject, end)) {
            end = next;
        }
        return end;
    }

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
}
