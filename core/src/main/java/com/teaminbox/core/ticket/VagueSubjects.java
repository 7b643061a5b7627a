package com.teaminbox.core.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Subjects that say nothing ("hi", "question", an empty one): such mail is flagged for triage
 * with a keyword, never refused. The comparison ignores reply prefixes, our tags, punctuation,
 * letter case and surrounding blanks, so {@code "Re: [SUP-3] Question?"} is vague too.
 */
public final class VagueSubjects {
    public static final String DEFAULT_KEYWORD = "$Triage";
    public static final List<String> DEFAULT_SUBJECTS = List.of(
        "(no subject)", "no subject", "hi", "hello", "hey", "question", "help", "urgent", "problem", "issue", "info", "test");
    public static final VagueSubjects DEFAULT = new VagueSubjects(DEFAULT_SUBJECTS, DEFAULT_KEYWORD);

    private final Set<String> normalizedSubjects;
    /** The longest normalized vague subject: a subject with more characters that normalizing keeps says something. */
    private final int longestNormalized;
    private final List<String> subjects;
    private final String keyword;

    public VagueSubjects(List<String> subjects, String keyword) {
        this.subjects = List.copyOf(subjects);
        this.normalizedSubjects = subjects.stream().map(VagueSubjects::normalize).collect(Collectors.toSet());
        this.longestNormalized = normalizedSubjects.stream().mapToInt(String::length).max().orElse(0);
        this.keyword = Objects.requireNonNull(keyword, "keyword");
    }

    /** True when, once reply prefixes and this mailbox's tags are set aside, the subject says nothing. */
    public boolean isVague(String subject, TicketTagFormat format, TicketPrefix prefix) {
        // One pass sets our tags aside and makes the single line (singleLine(withoutTags(subject))); the
        // single line is its own single line, so withoutReplyPrefixes is where its prefixes end, and the
        // rest's leading white space is not counted: three copies and two scans fewer per mail (issue 18).
        String withoutOurTags = subject == null ? "" : singleLineWithoutTags(subject, format, prefix);
        int restStart = TicketSubjects.replyPrefixesEnd(withoutOurTags);
        if (keptCharacters(withoutOurTags, restStart) > longestNormalized) {
            // The usual subject: normalizing keeps at least these characters, more than any vague subject has.
            return false;
        }
        String normalized = normalize(withoutOurTags.substring(restStart).stripLeading());
        return normalized.isEmpty() || normalizedSubjects.contains(normalized);
    }

    /**
     * {@code TicketSubjects.singleLine(format.withoutTags(subject, prefix))} in one pass: the tags are
     * found in the subject as received (as withoutTags finds them), the characters kept are written as
     * singleLine writes them ({@link TicketSubjects#appendSingleLine}: a line-breaking one as a space, a run
     * of spaces as one), then stripped. {@code SubjectWorkEqualityTest} compares the result with the former
     * two passes on every subject it generates.
     */
    private static String singleLineWithoutTags(String subject, TicketTagFormat format, TicketPrefix prefix) {
        if (!format.isScannable()) {
            return TicketSubjects.singleLine(format.withoutTags(subject, prefix));
        }
        StringBuilder single = new StringBuilder(subject.length());
        int[] number = new int[2];
        String prefixText = prefix.value();
        boolean afterSpace = false;
        int index = 0;
        while (index < subject.length()) {
            char current = subject.charAt(index);
            int tagEnd = format.mayStartTag(current, prefixText) ? format.tagEnd(subject, index, prefix, number) : -1;
            if (tagEnd >= 0) {
                index = tagEnd;
                continue;
            }
            index++;
            afterSpace = TicketSubjects.appendSingleLine(single, current, afterSpace);
        }
        return single.toString().strip();
    }

    /**
     * How many characters of {@code text} from {@code from} {@link #normalize} certainly keeps: those
     * that are neither punctuation nor white space (lower-casing never shortens a character, and strip
     * only removes white space).
     */
    private static int keptCharacters(String text, int from) {
        int kept = 0;
        for (int index = from; index < text.length(); index++) {
            char character = text.charAt(index);
            if (!isPunctuationOrSpace(character) && !Character.isWhitespace(character)) {
                kept++;
            }
        }
        return kept;
    }

    /** The IMAP keyword set on vague mail. */
    public String keyword() {
        return keyword;
    }

    public List<String> subjects() {
        return subjects;
    }

    /**
     * Lower case, each run of punctuation and blanks ({@code [\p{Punct}\s]+}) one space, ends trimmed;
     * a loop rather than the expression, as the server runs this mostly C1-compiled (issue 18).
     */
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

    /** java.util.regex's {@code \p{Punct}} (ASCII punctuation) or {@code \s} ({@code [ \t\n\x0B\f\r]}). */
    private static boolean isPunctuationOrSpace(char character) {
        if (character == ' ' || character >= '\t' && character <= '\r') {
            return true;
        }
        return character >= '!' && character <= '/' || character >= ':' && character <= '@'
            || character >= '[' && character <= '`' || character >= '{' && character <= '~';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VagueSubjects && subjects.equals(((VagueSubjects) o).subjects) && keyword.equals(((VagueSubjects) o).keyword);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subjects, keyword);
    }
}
