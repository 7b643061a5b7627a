package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TicketThreadingTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");
    private static final Predicate<TicketId> ISSUED_1_TO_5 = ticket -> ticket.number() <= 5;
    private static final TicketThreading KEEP = new TicketThreading(SUP, TicketTagFormat.DEFAULT, ForgedTagPolicy.KEEP);
    private static final TicketThreading REMOVE = new TicketThreading(SUP, TicketTagFormat.DEFAULT, ForgedTagPolicy.REMOVE);

    private static String finalSubject(TicketThreading threading, String subject, Optional<TicketId> referenced, long newNumber) {
        TicketThreading.Decision decision = threading.decide(subject, ISSUED_1_TO_5, () -> referenced);
        return threading.subjectFor(decision, decision.ticket().orElse(TicketId.of(SUP, newNumber)));
    }

    @Test
    void knownTagShouldKeepItsTicketWithoutAskingTheReferences() {
        TicketThreading.Decision decision = KEEP.decide("Re: [SUP-3] Printer", ISSUED_1_TO_5, () -> {
            throw new AssertionError("references must not be looked up when the subject has a known tag");
        });

        assertThat(decision.ticket()).contains(TicketId.of(SUP, 3));
        assertThat(decision.reason()).isEqualTo(TicketThreading.Reason.KNOWN_TAG);
    }

    @Test
    void referencesShouldThreadAReplyThatLostItsTag() {
        TicketThreading.Decision decision = KEEP.decide("Re: Printer", ISSUED_1_TO_5, () -> Optional.of(TicketId.of(SUP, 4)));

        assertThat(decision.ticket()).contains(TicketId.of(SUP, 4));
        assertThat(decision.reason()).isEqualTo(TicketThreading.Reason.REFERENCES);
        assertThat(KEEP.subjectFor(decision, TicketId.of(SUP, 4))).isEqualTo("Re: [SUP-4] Printer");
    }

    @Test
    void mailWithoutTagOrReferencesShouldOpenANewTicket() {
        TicketThreading.Decision decision = KEEP.decide("Printer", ISSUED_1_TO_5, Optional::empty);

        assertThat(decision.ticket()).isEmpty();
        assertThat(decision.reason()).isEqualTo(TicketThreading.Reason.NEW_TICKET);
        assertThat(KEEP.subjectFor(decision, TicketId.of(SUP, 6))).isEqualTo("[SUP-6] Printer");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // scenario 1: a known tag keeps its ticket
        "Re: [SUP-3] Printer|Re: [SUP-3] Printer",
        "[sup-3] typed in lower case|[sup-3] typed in lower case",
        // scenario 4: other systems' tags are kept, never doubled or nested
        "[RT #55] Printer|[SUP-6] [RT #55] Printer",
        "Re: [Ticket#2024112710000011] Printer|Re: [SUP-6] [Ticket#2024112710000011] Printer",
        "[JIRA-12] [SUP-3] Printer|[JIRA-12] [SUP-3] Printer",
        "[SAL-4] another shared mailbox's ticket|[SUP-6] [SAL-4] another shared mailbox's ticket",
        // scenario 5: reply chains never duplicate our tag
        "Re: RE: AW: Fwd: TR: [SUP-3] Printer|Re: RE: AW: Fwd: TR: [SUP-3] Printer",
        "Re: [SUP-3] Re: [SUP-3] Printer|Re: [SUP-3] Re: Printer",
        "RE: AW: Printer|RE: AW: [SUP-6] Printer",
        "Re[2]: Printer|Re[2]: [SUP-6] Printer",
        // scenario 3: a tag we never issued opens a new ticket and stays as text
        "[SUP-999] Printer|[SUP-6] [SUP-999] Printer",
        "Re: [SUP-999] Printer|Re: [SUP-6] [SUP-999] Printer",
        "[SUP-999] forged before [SUP-2] known|[SUP-999] forged before [SUP-2] known",
        // empty and odd subjects
        "''|[SUP-6]",
        "Re:|Re: [SUP-6]",
    })
    void subjectShouldBeExactly(String subject, String expected) {
        assertThat(finalSubject(KEEP, subject, Optional.empty(), 6)).isEqualTo(expected);
    }

    @Test
    void forgedTagShouldBeRemovedWhenConfigured() {
        assertThat(finalSubject(REMOVE, "Re: [SUP-999] Printer", Optional.empty(), 6)).isEqualTo("Re: [SUP-6] Printer");
    }

    @Test
    void forgedTagsShouldBeReported() {
        assertThat(KEEP.decide("[SUP-999] [SUP-998] [SUP-999] x", ISSUED_1_TO_5, Optional::empty).forgedTags())
            .containsExactly(TicketId.of(SUP, 999), TicketId.of(SUP, 998));
    }

    @Test
    void ourTagShouldAppearExactlyOnceWhateverTheChain() {
        String result = finalSubject(KEEP, "Re: [SUP-3] RE: [sup-3] AW: [SUP-3] x", Optional.empty(), 6);

        assertThat(TicketTagFormat.DEFAULT.findAll(result, SUP)).hasSize(1);
    }

    @Test
    void customFormatShouldBeUsedForWritingAndReading() {
        TicketThreading rtStyle = new TicketThreading(SUP, TicketTagFormat.of("[{prefix} #{number}]"), ForgedTagPolicy.KEEP);

        assertThat(rtStyle.decide("Re: [SUP #2] x", ISSUED_1_TO_5, Optional::empty).ticket()).contains(TicketId.of(SUP, 2));
        TicketThreading.Decision fresh = rtStyle.decide("x", ISSUED_1_TO_5, Optional::empty);
        assertThat(rtStyle.subjectFor(fresh, TicketId.of(SUP, 6))).isEqualTo("[SUP #6] x");
    }

    @Test
    void issuedCheckShouldOnlyBeAskedForOurTags() {
        Set<Long> asked = new java.util.HashSet<>();
        KEEP.decide("[RT #55] [SAL-9] [SUP-2]", ticket -> asked.add(ticket.number()), Optional::empty);

        assertThat(asked).containsExactly(2L);
    }
}
