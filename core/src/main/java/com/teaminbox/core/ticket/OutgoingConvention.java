package com.teaminbox.core.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The subject convention for mail sent as a shared address, and what to do with mail that
 * breaks it. A subject conforms when it carries one of this mailbox's ticket tags, or when it
 * matches the configured pattern, or when it carries one of the configured project tags
 * ({@code [ACME]}). Configured as:
 * <pre>{@code
 * <outgoing-subjects mode="reject"/>                          <!-- our ticket tag -->
 * <outgoing-subjects mode="flag" pattern="^\[[A-Z]+\] – .+"/>  <!-- a regular expression -->
 * <outgoing-subjects mode="reject"><project prefix="ACME"/></outgoing-subjects>
 * }</pre>
 */
public final class OutgoingConvention {
    /**
     * How many characters an administrator's pattern may read per subject: a linear pattern reads
     * each character a few times, so a 100,000-character subject fits; a pattern that backtracks
     * exponentially on what a member typed stops within milliseconds, and the subject does not conform.
     */
    public static final long PATTERN_READ_BUDGET = 2_000_000;

    /** What happens to a subject that breaks the convention. */
    public enum Mode {
        /** Insert the ticket tag (from the conversation, or a new ticket). Only for the ticket-tag convention. */
        FIX("fix"),
        /** Refuse during the SMTP dialogue with 550 5.7.1, naming the expected format. */
        REJECT("reject"),
        /** Accept, mark it with a header and a keyword, and record it. */
        FLAG("flag");

        private final String xmlName;

        Mode(String xmlName) {
            this.xmlName = xmlName;
        }

        public String xmlName() {
            return xmlName;
        }

        public static Optional<Mode> fromXmlName(String value) {
            return List.of(values()).stream().filter(mode -> mode.xmlName.equals(value)).findFirst();
        }
    }

    private final Mode mode;
    private final Optional<Pattern> pattern;
    private final List<String> projects;

    /**
     * @throws IllegalArgumentException for {@code fix} with a pattern or projects: only ticket tags can be inserted
     */
    public OutgoingConvention(Mode mode, Optional<Pattern> pattern, List<String> projects) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.projects = List.copyOf(projects);
        if (mode == Mode.FIX && (pattern.isPresent() || !projects.isEmpty())) {
            throw new IllegalArgumentException("mode 'fix' can only insert ticket tags; use 'reject' or 'flag' with a pattern or projects");
        }
        if (pattern.isPresent() && !projects.isEmpty()) {
            throw new IllegalArgumentException("give either a pattern or projects, not both");
        }
    }

    public Mode mode() {
        return mode;
    }

    public boolean conforms(String subject, TicketTagFormat format, TicketPrefix prefix) {
        String safe = subject == null ? "" : subject;
        if (!format.findAll(safe, prefix).isEmpty()) {
            return true;
        }
        if (pattern.isPresent()) {
            try {
                return pattern.get().matcher(new BudgetedText(safe, PATTERN_READ_BUDGET)).find();
            } catch (BudgetedText.Exhausted e) {
                return false;
            }
        }
        String upper = safe.toUpperCase(Locale.ROOT);
        return projects.stream().anyMatch(project -> upper.contains("[" + project + "]"));
    }

    /** One sentence for the SMTP reply and the docs: the expected format, with an example. */
    public String expectedFormat(TicketTagFormat format, TicketPrefix prefix) {
        String example = format.tag(TicketId.of(prefix, 1042));
        if (pattern.isPresent()) {
            return "the subject must match " + pattern.get().pattern() + " or carry a ticket tag such as " + example;
        }
        if (!projects.isEmpty()) {
            String tags = projects.stream().map(project -> "[" + project + "]").collect(Collectors.joining(", "));
            return "the subject must carry a project tag (" + tags + "), e.g. \"[" + projects.get(0)
                + "] - Quarterly report\", or a ticket tag such as " + example;
        }
        return "the subject must carry the ticket tag, e.g. \"Re: " + example + " Printer broken\"";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OutgoingConvention)) {
            return false;
        }
        OutgoingConvention that = (OutgoingConvention) o;
        return mode == that.mode && pattern.map(Pattern::pattern).equals(that.pattern.map(Pattern::pattern))
            && projects.equals(that.projects);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, pattern.map(Pattern::pattern), projects);
    }
}
