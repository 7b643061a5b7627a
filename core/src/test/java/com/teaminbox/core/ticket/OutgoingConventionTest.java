package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class OutgoingConventionTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");
    private static final TicketTagFormat FORMAT = TicketTagFormat.DEFAULT;

    @Test
    void ticketTagConventionShouldAcceptOnlySubjectsWithOurTag() {
        OutgoingConvention convention = new OutgoingConvention(OutgoingConvention.Mode.REJECT, Optional.empty(), List.of());

        assertThat(convention.conforms("Re: [SUP-12] Printer", FORMAT, SUP)).isTrue();
        assertThat(convention.conforms("Re: Printer", FORMAT, SUP)).isFalse();
        assertThat(convention.conforms(null, FORMAT, SUP)).isFalse();
        assertThat(convention.expectedFormat(FORMAT, SUP))
            .isEqualTo("the subject must carry the ticket tag, e.g. \"Re: [SUP-1042] Printer broken\"");
    }

    @Test
    void projectConventionShouldAcceptProjectTagsAndTicketTags() {
        OutgoingConvention convention = new OutgoingConvention(OutgoingConvention.Mode.FLAG, Optional.empty(), List.of("ACME", "GLOBEX"));

        assertThat(convention.conforms("[ACME] - Quarterly report", FORMAT, SUP)).isTrue();
        assertThat(convention.conforms("[globex] lower case", FORMAT, SUP)).isTrue();
        assertThat(convention.conforms("[SUP-3] reply", FORMAT, SUP)).isTrue();
        assertThat(convention.conforms("[INITECH] other", FORMAT, SUP)).isFalse();
        assertThat(convention.expectedFormat(FORMAT, SUP)).contains("[ACME], [GLOBEX]").contains("[SUP-1042]");
    }

    @Test
    void patternConventionShouldUseTheRegularExpression() {
        OutgoingConvention convention = new OutgoingConvention(OutgoingConvention.Mode.REJECT,
            Optional.of(Pattern.compile("^\\[[A-Z]+\\] – .+")), List.of());

        assertThat(convention.conforms("[ACME] – Report", FORMAT, SUP)).isTrue();
        assertThat(convention.conforms("ACME report", FORMAT, SUP)).isFalse();
    }

    @Test
    void patternThatBacktracksCatastrophicallyShouldStopWithinItsBudgetAndNotConform() {
        // n^8 steps: 40 commas already take seconds without a budget, 200 would take years.
        OutgoingConvention convention = new OutgoingConvention(OutgoingConvention.Mode.REJECT,
            Optional.of(Pattern.compile("^(.*,){8}X")), List.of());
        String subject = ",".repeat(200);

        boolean conforms = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> convention.conforms(subject, FORMAT, SUP));

        assertThat(conforms).isFalse();
    }

    @Test
    void linearPatternShouldStillMatchFarIntoALongSubject() {
        OutgoingConvention convention = new OutgoingConvention(OutgoingConvention.Mode.REJECT,
            Optional.of(Pattern.compile("\\[([A-Z]+)\\]")), List.of());

        assertThat(convention.conforms("x".repeat(100_000) + "[ACME]", FORMAT, SUP)).isTrue();
    }

    @Test
    void fixModeShouldOnlyApplyToTicketTags() {
        assertThatThrownBy(() -> new OutgoingConvention(OutgoingConvention.Mode.FIX, Optional.empty(), List.of("ACME")))
            .hasMessageContaining("mode 'fix' can only insert ticket tags");
    }
}
