package com.teaminbox.james.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;

class FreshTicketNumbersTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");

    private final FreshTicketNumbers fresh = new FreshTicketNumbers();

    @Test
    void aNumberedTicketShouldBeFreshForTheFirstQuestionOnly() throws Exception {
        fresh.numbered(new MailAddress("support@example.test"), TicketId.of(SUP, 7));

        assertThat(fresh.takeFresh(new MailAddress("support@example.test"), TicketId.of(SUP, 7))).isTrue();
        assertThat(fresh.takeFresh(new MailAddress("support@example.test"), TicketId.of(SUP, 7))).as("asked again").isFalse();
    }

    @Test
    void aTicketGivenAgainShouldNoLongerBeFresh() throws Exception {
        fresh.numbered(new MailAddress("support@example.test"), TicketId.of(SUP, 7));

        fresh.reopened(TicketId.of(SUP, 7));

        assertThat(fresh.takeFresh(new MailAddress("support@example.test"), TicketId.of(SUP, 7))).isFalse();
    }

    @Test
    void aTicketShouldBeFreshOnlyForTheSharedAddressThatNumberedIt() throws Exception {
        fresh.numbered(new MailAddress("support@example.test"), TicketId.of(SUP, 7));

        assertThat(fresh.takeFresh(new MailAddress("sales@example.test"), TicketId.of(SUP, 7))).isFalse();
        assertThat(fresh.takeFresh(new MailAddress("support@example.test"), TicketId.of(SUP, 7))).as("the mark was taken").isFalse();
        assertThat(fresh.takeFresh(new MailAddress("support@example.test"), TicketId.of(SUP, 8))).as("never numbered").isFalse();
    }

    @Test
    void theOldestMarksShouldBeDroppedBeyondTheLimit() throws Exception {
        MailAddress support = new MailAddress("support@example.test");
        for (long number = 1; number <= FreshTicketNumbers.REMEMBERED + 1; number++) {
            fresh.numbered(support, TicketId.of(SUP, number));
        }

        assertThat(fresh.takeFresh(support, TicketId.of(SUP, 1))).as("the oldest, dropped").isFalse();
        assertThat(fresh.takeFresh(support, TicketId.of(SUP, 2))).isTrue();
        assertThat(fresh.takeFresh(support, TicketId.of(SUP, FreshTicketNumbers.REMEMBERED + 1))).isTrue();
    }
}
