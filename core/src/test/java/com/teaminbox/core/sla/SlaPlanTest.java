package com.teaminbox.core.sla;

import static com.teaminbox.core.sla.BusinessTimeTest.OFFICE;
import static com.teaminbox.core.sla.BusinessTimeTest.paris;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.SourceLocation;
import com.teaminbox.core.sla.TicketFact.Kind;

class SlaPlanTest {
    private static final String TICKET = "SUP-1";
    private static final SlaPolicy STANDARD = new SlaPolicy("standard", Optional.empty(),
        Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofHours(4), SlaTarget.NEXT_RESPONSE, Duration.ofHours(8)), 80, List.of(), List.of(),
        SourceLocation.of("sla.xml", 1, "policy"));
    private static final SlaPolicy URGENT = new SlaPolicy("urgent", Optional.of("urgent"),
        Map.of(SlaTarget.FIRST_RESPONSE, Duration.ofHours(1)), 50, List.of(), List.of(), SourceLocation.of("sla.xml", 2, "policy"));
    private static final SlaPlan PLAN = new SlaPlan(new SlaSettings(List.of(URGENT, STANDARD), OFFICE));
    private static final Instant FRIDAY_1730 = paris(12, 4, 17, 30);

    private static TicketFact fact(Kind kind, Instant at) {
        return TicketFact.of(TICKET, kind, at, "someone");
    }

    private static List<String> due(List<TicketFact> facts, Instant now) {
        return PLAN.due(TicketLifecycle.fold(TICKET, facts), now).stream()
            .map(stage -> stage.target() + " " + stage.stage() + " " + stage.stageDue() + (stage.isLive() ? "" : " met"))
            .toList();
    }

    @Test
    void nothingShouldBeDueDuringTheWeekend() {
        assertThat(due(List.of(fact(Kind.OPENED, FRIDAY_1730)), paris(12, 6, 23, 0))).isEmpty();
    }

    @Test
    void theWarningShouldBeDueMondayAt1142AndTheBreachAt1230() {
        List<TicketFact> facts = List.of(fact(Kind.OPENED, FRIDAY_1730));
        assertThat(due(facts, paris(12, 7, 11, 41))).isEmpty();
        assertThat(due(facts, paris(12, 7, 11, 42))).containsExactly("first-response warning " + paris(12, 7, 11, 42));
        assertThat(due(facts, paris(12, 7, 12, 30))).containsExactly("first-response warning " + paris(12, 7, 11, 42),
            "first-response breach " + paris(12, 7, 12, 30));
    }

    @Test
    void theNextStageShouldComeDueWhenDueFindsIt() {
        TicketLifecycle lifecycle = TicketLifecycle.fold(TICKET, List.of(fact(Kind.OPENED, FRIDAY_1730)));

        assertThat(PLAN.nextDue(lifecycle, paris(12, 6, 23, 0))).contains(paris(12, 7, 11, 42));
        assertThat(PLAN.nextDue(lifecycle, paris(12, 7, 11, 41))).contains(paris(12, 7, 11, 42));
        assertThat(PLAN.nextDue(lifecycle, paris(12, 7, 11, 42))).contains(paris(12, 7, 12, 30));
        assertThat(PLAN.nextDue(lifecycle, paris(12, 7, 12, 30))).as("the breach was the last stage").isEmpty();
    }

    @Test
    void aTicketAnsweredBeforeItsWarningShouldHaveNothingComingDue() {
        TicketLifecycle lifecycle = TicketLifecycle.fold(TICKET, List.of(fact(Kind.OPENED, FRIDAY_1730),
            fact(Kind.MEMBER_REPLY, paris(12, 7, 9, 30))));

        assertThat(PLAN.nextDue(lifecycle, paris(12, 7, 10, 0))).isEmpty();
    }

    @Test
    void aReplyBeforeTheWarningShouldLeaveNothingDue() {
        assertThat(due(List.of(fact(Kind.OPENED, FRIDAY_1730), fact(Kind.MEMBER_REPLY, paris(12, 7, 9, 30))), paris(12, 8, 9, 0))).isEmpty();
    }

    @Test
    void aReplyAfterTheBreachShouldLeaveTheBreachDueButMet() {
        assertThat(due(List.of(fact(Kind.OPENED, FRIDAY_1730), fact(Kind.MEMBER_REPLY, paris(12, 7, 13, 0))), paris(12, 8, 9, 0)))
            .containsExactly("first-response warning " + paris(12, 7, 11, 42) + " met", "first-response breach " + paris(12, 7, 12, 30) + " met");
    }

    @Test
    void pendingShouldStopTheClockUntilTheCustomerWrites() {
        List<TicketFact> facts = new ArrayList<>(List.of(fact(Kind.OPENED, FRIDAY_1730), fact(Kind.PENDING, paris(12, 7, 9, 0))));
        assertThat(due(facts, paris(12, 9, 12, 0))).isEmpty();
        facts.add(fact(Kind.CUSTOMER_MESSAGE, paris(12, 10, 9, 0)));
        // 30 minutes were used on Friday: the warning (192 min) comes 162 minutes after Thursday 09:00.
        assertThat(due(facts, paris(12, 10, 11, 42))).containsExactly("first-response warning " + paris(12, 10, 11, 42));
    }

    @Test
    void theUrgentRuleShouldSelectTheUrgentPolicy() {
        List<TicketFact> facts = List.of(fact(Kind.OPENED, paris(12, 7, 9, 0)), new TicketFact(TICKET, Kind.RULE_MATCHED, paris(12, 7, 9, 0), "system", "urgent"));
        assertThat(due(facts, paris(12, 7, 10, 0))).containsExactly("first-response warning " + paris(12, 7, 9, 30),
            "first-response breach " + paris(12, 7, 10, 0));
    }

    @Test
    void aCustomerMailAfterTheReplyShouldStartANextResponseWait() {
        List<TicketFact> facts = List.of(fact(Kind.OPENED, paris(12, 7, 9, 0)), fact(Kind.MEMBER_REPLY, paris(12, 7, 10, 0)),
            fact(Kind.CUSTOMER_MESSAGE, paris(12, 7, 11, 0)));
        assertThat(due(facts, paris(12, 8, 11, 0))).containsExactly("next-response warning " + paris(12, 7, 17, 24),
            "next-response breach " + paris(12, 8, 10, 0));
    }

    @Test
    void theLifecycleShouldNotDependOnTheOrderOrOnDuplicates() {
        List<TicketFact> facts = new ArrayList<>(List.of(fact(Kind.OPENED, FRIDAY_1730), fact(Kind.MEMBER_REPLY, paris(12, 7, 10, 0)),
            fact(Kind.RESOLVED, paris(12, 7, 11, 0)), fact(Kind.CUSTOMER_MESSAGE, paris(12, 7, 12, 0)), fact(Kind.MEMBER_REPLY, paris(12, 7, 10, 0))));
        TicketLifecycle inOrder = TicketLifecycle.fold(TICKET, facts);
        Collections.reverse(facts);
        facts.add(facts.get(0));
        assertThat(TicketLifecycle.fold(TICKET, facts)).isEqualTo(inOrder);
    }

    @Test
    void aCustomerMailOnAResolvedTicketShouldReopenIt() {
        TicketLifecycle lifecycle = TicketLifecycle.fold(TICKET, List.of(fact(Kind.OPENED, FRIDAY_1730),
            fact(Kind.RESOLVED, paris(12, 7, 11, 0)), fact(Kind.CUSTOMER_MESSAGE, paris(12, 7, 12, 0))));
        assertThat(lifecycle.isResolved()).isFalse();
        assertThat(lifecycle.reopened()).contains(paris(12, 7, 12, 0));
        assertThat(lifecycle.firstResponse()).isEmpty();
    }
}
