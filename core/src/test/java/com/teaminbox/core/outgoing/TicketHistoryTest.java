package com.teaminbox.core.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TicketHistoryTest {
    private static final Instant CUSTOMER = Instant.parse("2026-12-06T09:00:00Z");
    private static final String ALICE = "alice@example.test";
    private static final String CAROL = "carol@example.test";

    @Test
    void replyByAnotherMemberAfterTheCustomerShouldCollide() {
        TicketHistory history = new TicketHistory(Optional.of(CUSTOMER), List.of(new TicketHistory.Reply(ALICE, CUSTOMER.plusSeconds(60))));

        assertThat(history.answeredByAnother(CAROL)).contains(new TicketHistory.Reply(ALICE, CUSTOMER.plusSeconds(60)));
    }

    @Test
    void ownReplyShouldNotCollide() {
        TicketHistory history = new TicketHistory(Optional.of(CUSTOMER), List.of(new TicketHistory.Reply(ALICE, CUSTOMER.plusSeconds(60))));

        assertThat(history.answeredByAnother("ALICE@example.test")).isEmpty();
    }

    @Test
    void replyBeforeTheCustomersLatestMessageShouldNotCollide() {
        TicketHistory history = new TicketHistory(Optional.of(CUSTOMER), List.of(new TicketHistory.Reply(ALICE, CUSTOMER.minusSeconds(60))));

        assertThat(history.answeredByAnother(CAROL)).isEmpty();
    }

    @Test
    void firstReplyAfterTheCustomerShouldBeNamed() {
        TicketHistory history = new TicketHistory(Optional.of(CUSTOMER), List.of(
            new TicketHistory.Reply("bob@example.test", CUSTOMER.plusSeconds(600)), new TicketHistory.Reply(ALICE, CUSTOMER.plusSeconds(60))));

        assertThat(history.answeredByAnother(CAROL)).map(TicketHistory.Reply::member).contains(ALICE);
    }

    @Test
    void wordingShouldNameWhoAndWhenCoarsely() {
        TicketHistory.Reply reply = new TicketHistory.Reply(ALICE, CUSTOMER);

        assertThat(CollisionWording.answered("SUP-1042", reply, CUSTOMER.plus(Duration.ofMinutes(3))))
            .isEqualTo("SUP-1042 was answered by alice@example.test 3 minutes ago");
        assertThat(CollisionWording.ago(Duration.ofSeconds(5))).isEqualTo("just now");
        assertThat(CollisionWording.ago(Duration.ofMinutes(61))).isEqualTo("1 hour ago");
        assertThat(CollisionWording.ago(Duration.ofDays(2))).isEqualTo("2 days ago");
    }
}
