package com.teaminbox.james.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.RecipientId;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.james.storage.SerialNotificationRegistry;

import reactor.core.publisher.Mono;

class AcknowledgementLedgerTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private final InMemoryNotificationRegistry entries = new InMemoryNotificationRegistry();
    private final AtomicInteger questions = new AtomicInteger();
    /** Counts what the ledger asks the registry: over the cap, it should stop asking about each slot. */
    private final NotificationRegistry counted = new NotificationRegistry() {
        @Override
        public Mono<Void> register(AccountId accountId, RecipientId recipientId, Optional<ZonedDateTime> expiryDate) {
            return entries.register(accountId, recipientId, expiryDate);
        }

        @Override
        public Mono<Boolean> isRegistered(AccountId accountId, RecipientId recipientId) {
            questions.incrementAndGet();
            return entries.isRegistered(accountId, recipientId);
        }

        @Override
        public Mono<Void> flush(AccountId accountId) {
            return entries.flush(accountId);
        }
    };

    private static MailAddress address(String address) throws Exception {
        return new MailAddress(address);
    }

    private AcknowledgementLedger ledger(String now) {
        return new AcknowledgementLedger(new SerialNotificationRegistry(counted), Clock.fixed(Instant.parse(now), UTC));
    }

    @Test
    void anAcknowledgedTicketShouldBeStoredUnderTheKeysItAlwaysHad() throws Exception {
        ledger("2026-12-07T10:00:00Z").recordAcknowledged(address("support@example.test"), TicketId.of(TicketPrefix.of("SUP"), 12));

        // Cassandra keeps them: no migration
        assertThat(entries.isRegistered(AccountId.fromString("teaminbox-ack-ticket:support@example.test"),
            RecipientId.fromMailAddress(address("sup-12@tickets.teaminbox.invalid"))).block()).isTrue();
    }

    @Test
    void ticketsAskedInTurnShouldEachBeAnsweredForItself() throws Exception {
        AcknowledgementLedger ledger = ledger("2026-12-07T10:00:00Z");
        MailAddress support = address("support@example.test");
        TicketId first = TicketId.of(TicketPrefix.of("SUP"), 1);
        TicketId second = TicketId.of(TicketPrefix.of("SUP"), 2);

        assertThat(ledger.isAcknowledged(support, first)).isFalse();
        assertThat(ledger.isAcknowledged(support, second)).isFalse();
        ledger.recordAcknowledged(support, first);

        assertThat(ledger.isAcknowledged(support, first)).isTrue();
        assertThat(ledger.isAcknowledged(support, second)).isFalse();
        assertThat(ledger.isAcknowledged(address("sales@example.test"), first)).isFalse();
        assertThat(ledger.isAcknowledged(support, TicketId.of(TicketPrefix.of("SALES"), 1))).isFalse();
    }

    @Test
    void aSenderShouldGetTheCapsSlotsThenNoneThatDay() throws Exception {
        AcknowledgementLedger ledger = ledger("2026-11-25T12:00:00Z");

        for (int slot = 1; slot <= 3; slot++) {
            assertThat(ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 3)).isTrue();
        }

        assertThat(ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 3)).isFalse();
        assertThat(ledger.takeDailySlot(address("support@example.test"), address("joe@customer.test"), UTC, 3)).isTrue();
    }

    @Test
    void aSenderOverTheCapShouldNotCostAQuestionPerSlotAtEachMail() throws Exception {
        AcknowledgementLedger ledger = ledger("2026-11-25T12:00:00Z");
        for (int mail = 0; mail < 10; mail++) {
            ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 10);
        }
        questions.set(0);

        for (int mail = 0; mail < 100; mail++) {
            assertThat(ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 10)).isFalse();
        }

        assertThat(questions).hasValue(0);
    }

    @Test
    void slotsTakenByAnotherNodeShouldStillCount() throws Exception {
        AcknowledgementLedger ours = ledger("2026-11-25T12:00:00Z");
        AcknowledgementLedger theirs = ledger("2026-11-25T12:00:00Z");
        assertThat(ours.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 2)).isTrue();

        assertThat(theirs.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 2)).isTrue();

        assertThat(ours.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 2)).isFalse();
    }

    @Test
    void aRaisedCapShouldOpenTheNewSlots() throws Exception {
        AcknowledgementLedger ledger = ledger("2026-11-25T12:00:00Z");
        ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 1);
        assertThat(ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 1)).isFalse();

        assertThat(ledger.takeDailySlot(address("support@example.test"), address("jane@customer.test"), UTC, 2)).isTrue();
    }
}
