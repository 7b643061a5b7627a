package com.teaminbox.core.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Subjects that say nothing ("hi", "question", an empty one): such mail is flagged for triage
 * with a keyword, never refused. The comparison ignores reply prefixes, our tags, punctuation,
 * letter case and surrounding blanks, so {@code "Re: [SUP-3] Question?"} is vague too.
 */
public final class VagueSubjects {
    /** Compiled once (String.replaceAll compiled it for every mail's subject); before DEFAULT, which uses it. */
    private static final Pattern PUNCTUATION_AND_SPACES = Pattern.compile("[\\p{Punct}\\s]+");
    public static final String DEFAULT_KEYWORD = "$Triage";
    public static final List<String> DEFAULT_SUBJECTS = List.of(
        "(no subject)", "no subject", "hi", "hello", "hey", "question", "help", "urgent", "problem", "issue", "info", "test");
    public static final VagueSubjects DEFAULT = new VagueSubjects(DEFAULT_SUBJECTS, DEFAULT_KEYWORD);

    private final Set<String> normalizedSubjects;
    private final List<String> subjects;
    private final String keyword;

    public VagueSubjects(List<String> subjects, String keyword) {
        this.subjects = List.copyOf(subjects);
        this.normalizedSubjects = subjects.stream().map(VagueSubjects::normalize).collect(Collectors.toSet());
        this.keyword = Objects.requireNonNull(keyword, "keyword");
    }

    /** True when, once reply prefixes and this mailbox's tags are set aside, the subject says nothing. */
    public boolean isVague(String subject, TicketTagFormat format, TicketPrefix prefix) {
        String withoutOurTags = TicketSubjects.withoutTag(subject, format.pattern(prefix));
        String normalized = normalize(TicketSubjects.withoutReplyPrefixes(withoutOurTags));
        return normalized.isEmpty() || normalizedSubjects.contains(normalized);
    }

    /** The IMAP keyword set on vague mail. */
    public String keyword() {
        return keyword;
    }

    public List<String> subjects() {
        return subjects;
    }

    private static String normalize(String subject) {
        String withoutParentheses = subject.strip().toLowerCase(Locale.ROOT);
        if (withoutParentheses.equals("(no subject)")) {
            return "no subject";
        }
        return PUNCTUATION_AND_SPACES.matcher(withoutParentheses).replaceAll(" ").strip();
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
