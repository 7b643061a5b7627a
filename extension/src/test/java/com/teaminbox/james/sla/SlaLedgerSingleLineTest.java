package com.teaminbox.james.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.ticket.TicketSubjects;

/** A ledger entry's header values are made single-line as everywhere else, at less cost for those already so. */
class SlaLedgerSingleLineTest {
    @Test
    void everyValueShouldComeOutAsTicketSubjectsMakesIt() {
        List<String> values = List.of("", "3 facts", "fact opened SUP-1",
            "ticket=SUP-12 kind=rule-matched at=2026-12-07T09:00:00.131Z actor=system detail=urgent%20rule",
            "SUP-1 first-response breach 2026-12-07T11:30:00Z", " leading", "trailing ", "two  spaces", "tab\there",
            "hi\r\nBcc: x@evil.test", "caf\u00e9", "line\u2028separator", "next\u0085line", "nul\u0000", " ", "a");

        for (String value : values) {
            assertThat(SlaLedger.singleLine(value)).as(value).isEqualTo(TicketSubjects.singleLine(value));
        }
    }
}
