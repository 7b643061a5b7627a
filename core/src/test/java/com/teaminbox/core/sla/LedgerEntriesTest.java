package com.teaminbox.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerEntriesTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:00:00.123456Z");

    @Test
    void aFactShouldReadBackAsWritten() {
        TicketFact fact = new TicketFact("SUP-12", TicketFact.Kind.RULE_MATCHED, AT, "system", "urgent");

        assertThat(LedgerEntries.read(LedgerEntries.write(fact))).contains(fact);
    }

    @Test
    void anEntryShouldBeOneLineOfFieldsWithoutSpacesInValues() {
        TicketFact fact = new TicketFact("SUP-1", TicketFact.Kind.RULE_MATCHED, AT, "jane@customer.test", "a rule\r\nwith lines");

        String written = LedgerEntries.write(fact);

        assertThat(written).isEqualTo("ticket=SUP-1 kind=rule-matched at=2026-12-07T09:00:00.123456Z actor=jane%40customer.test"
            + " detail=a+rule%0D%0Awith+lines");
        assertThat(LedgerEntries.read(written)).contains(fact);
    }

    @Test
    void emptyActorAndDetailShouldBeLeftOutAndReadBackEmpty() {
        TicketFact fact = TicketFact.of("SUP-3", TicketFact.Kind.OPENED, AT, "");

        assertThat(LedgerEntries.write(fact)).isEqualTo("ticket=SUP-3 kind=opened at=2026-12-07T09:00:00.123456Z");
        assertThat(LedgerEntries.read(LedgerEntries.write(fact))).contains(fact);
    }

    @Test
    void aFoldedEntryShouldReadTheSame() {
        TicketFact fact = TicketFact.of("SUP-3", TicketFact.Kind.MEMBER_REPLY, AT, "alice@example.test");

        assertThat(LedgerEntries.read(LedgerEntries.write(fact).replace(" at=", "\r\n\tat="))).contains(fact);
    }

    @Test
    void unknownFieldsShouldBeSkipped() {
        assertThat(LedgerEntries.read("ticket=SUP-3 kind=resolved at=2026-12-07T09:00:00Z node=n1"))
            .contains(TicketFact.of("SUP-3", TicketFact.Kind.RESOLVED, Instant.parse("2026-12-07T09:00:00Z"), ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ticket=SUP-3 kind=opened", "kind=opened at=2026-12-07T09:00:00Z", "ticket= kind=opened at=2026-12-07T09:00:00Z",
        "ticket=SUP-3 kind=closed at=2026-12-07T09:00:00Z", "ticket=SUP-3 kind=opened at=yesterday",
        "ticket=SUP-3 kind=opened at=2026-12-07T09:00:00Z actor=%zz", "an operator's note"})
    void whatIsNotAFactShouldBeSkipped(String value) {
        assertThat(LedgerEntries.read(value)).isEmpty();
    }
}
