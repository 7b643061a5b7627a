package com.teaminbox.james.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.sla.TicketFact;

class LedgerAnnotationsTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:00:00.123Z");
    private static final long WRITTEN = Instant.parse("2026-12-07T09:00:30Z").toEpochMilli();

    @Test
    void anAnnotationShouldHoldEveryFactOfItsBurstExactly() {
        List<TicketFact> facts = List.of(TicketFact.of("SUP-12", TicketFact.Kind.OPENED, AT, "jane@customer.test"),
            new TicketFact("SUP-12", TicketFact.Kind.RULE_MATCHED, AT.plusMillis(8), "system", "urgent words & more"));

        assertThat(LedgerAnnotations.facts(LedgerAnnotations.annotation(WRITTEN, facts))).isEqualTo(facts);
    }

    @Test
    void anAnnotationShouldBeUnderTheMinuteItWasWritten() {
        MailboxAnnotationKey key = LedgerAnnotations.annotation(WRITTEN, List.of(TicketFact.of("SUP-1", TicketFact.Kind.OPENED, AT, "x@y.test")))
            .getKey();

        assertThat(LedgerAnnotations.minutes(LedgerAnnotations.minute(WRITTEN), LedgerAnnotations.minute(WRITTEN)))
            .allMatch(minute -> minute.isAncestorOrIsEqual(key));
        assertThat(LedgerAnnotations.minutes(LedgerAnnotations.minute(WRITTEN) + 1, LedgerAnnotations.minute(WRITTEN) + 3))
            .noneMatch(minute -> minute.isAncestorOrIsEqual(key));
        assertThat(LedgerAnnotations.ROOT.isAncestorOrIsEqual(key)).isTrue();
    }

    @Test
    void twoBurstsOfTheSameMinuteShouldHaveTwoKeys() {
        List<TicketFact> facts = List.of(TicketFact.of("SUP-1", TicketFact.Kind.OPENED, AT, "x@y.test"));

        assertThat(LedgerAnnotations.annotation(WRITTEN, facts).getKey()).isNotEqualTo(LedgerAnnotations.annotation(WRITTEN, facts).getKey());
    }

    @Test
    void linesThatAreNotFactsShouldBeNone() {
        MailboxAnnotation foreign = MailboxAnnotation.newInstance(new MailboxAnnotationKey("/private/vendor/teaminbox/slaledger/1/x"),
            "set by hand\r\nticket=SUP-3 kind=opened at=2026-12-07T09:00:00Z actor=x%40y.test\r\n");

        assertThat(LedgerAnnotations.facts(foreign)).containsExactly(TicketFact.of("SUP-3", TicketFact.Kind.OPENED,
            Instant.parse("2026-12-07T09:00:00Z"), "x@y.test"));
    }
}
