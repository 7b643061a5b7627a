package com.teaminbox.james.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.util.date.DefaultZonedDateTimeProvider;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;
import org.apache.james.vacation.memory.MemoryNotificationRegistry;
import org.junit.jupiter.api.Test;

import com.teaminbox.james.autoreply.InMemoryNotificationRegistry;

class SerialNotificationRegistryTest {
    private static final AccountId ACKNOWLEDGED = AccountId.fromString("teaminbox-ack-ticket:support@example.test");

    private static RecipientId recipient(int i) throws Exception {
        return RecipientId.fromMailAddress(new MailAddress("sup-" + i + "@ticket.teaminbox.invalid"));
    }

    @Test
    void theMemoryRegistryShouldAnswerEveryRegistrationMadeAndNoOther() throws Exception {
        SerialNotificationRegistry registry = new SerialNotificationRegistry(new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider()));
        for (int i = 0; i < 500; i++) {
            registry.register(ACKNOWLEDGED, recipient(i), Optional.empty());
        }
        registry.register(ACKNOWLEDGED, recipient(1_000), Optional.of(ZonedDateTime.now().minusDays(1)));

        for (int i = 0; i < 500; i++) {
            assertThat(registry.isRegistered(ACKNOWLEDGED, recipient(i))).as("registered %d", i).isTrue();
            assertThat(registry.isRegistered(ACKNOWLEDGED, recipient(500 + i))).as("never registered %d", 500 + i).isFalse();
            assertThat(registry.isRegistered(AccountId.fromString("teaminbox-ack-ticket:sales@example.test"), recipient(i)))
                .as("another account").isFalse();
        }
        assertThat(registry.isRegistered(ACKNOWLEDGED, recipient(1_000))).as("expired").isFalse();
        assertThat(registry.registerIfAbsent(ACKNOWLEDGED, recipient(7), Optional.empty())).isFalse();
        assertThat(registry.registerIfAbsent(ACKNOWLEDGED, recipient(700), Optional.empty())).isTrue();
        assertThat(registry.isRegistered(ACKNOWLEDGED, recipient(700))).isTrue();
    }

    @Test
    void theMemoryRegistryShouldHoldTheRecipientsOfOneAccountSpreadOverBuckets() throws Exception {
        MemoryNotificationRegistry memory = new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider());
        SerialNotificationRegistry registry = new SerialNotificationRegistry(memory);

        registry.register(ACKNOWLEDGED, recipient(1), Optional.empty());

        // its look-up walks the recipients of one bucket, not every one of the account
        assertThat(memory.isRegistered(ACKNOWLEDGED, recipient(1)).block()).isFalse();
        assertThat(memory.isRegistered(SerialNotificationRegistry.bucket(ACKNOWLEDGED, recipient(1)), recipient(1)).block()).isTrue();
    }

    @Test
    void aRecipientAskedAgainShouldLandInItsOwnBucketWhateverWasAskedBetween() throws Exception {
        MemoryNotificationRegistry memory = new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider());
        SerialNotificationRegistry registry = new SerialNotificationRegistry(memory);
        RecipientId constant = recipient(9_999);

        for (int i = 0; i < 50; i++) {
            AccountId account = AccountId.fromString("teaminbox-message-opened:support@example.test:" + i);
            registry.register(account, constant, Optional.empty());
            registry.register(account, recipient(i), Optional.empty());
        }

        for (int i = 0; i < 50; i++) {
            AccountId account = AccountId.fromString("teaminbox-message-opened:support@example.test:" + i);
            assertThat(memory.isRegistered(SerialNotificationRegistry.bucket(account, constant), constant).block()).as("constant %d", i).isTrue();
            assertThat(memory.isRegistered(SerialNotificationRegistry.bucket(account, recipient(i)), recipient(i)).block()).as("%d", i).isTrue();
            assertThat(registry.isRegistered(account, constant)).isTrue();
        }
    }

    @Test
    void aLookUpShouldWalkAboutAThousandthOfTheAccountsRecipients() throws Exception {
        Map<AccountId, Integer> recipientsByBucket = new HashMap<>();
        for (int i = 1; i <= 20_000; i++) {
            recipientsByBucket.merge(SerialNotificationRegistry.bucket(ACKNOWLEDGED, recipient(i)), 1, Integer::sum);
        }

        // 20,000 acknowledged tickets: about 20 per bucket of 1,024 (312 per bucket of 64 until 2026-12-07)
        assertThat(Collections.max(recipientsByBucket.values())).isLessThanOrEqualTo(50);
    }

    @Test
    void recipientsThatDifferOnlyByCaseShouldShareABucket() throws Exception {
        RecipientId lower = RecipientId.fromMailAddress(new MailAddress("jane@customer.test"));
        RecipientId upper = RecipientId.fromMailAddress(new MailAddress("JANE@CUSTOMER.TEST"));

        assertThat(SerialNotificationRegistry.bucket(ACKNOWLEDGED, lower)).isEqualTo(SerialNotificationRegistry.bucket(ACKNOWLEDGED, upper));
    }

    @Test
    void anotherRegistryShouldKeepTheKeysItWasGiven() throws Exception {
        InMemoryNotificationRegistry other = new InMemoryNotificationRegistry();
        SerialNotificationRegistry registry = new SerialNotificationRegistry(other);

        registry.register(ACKNOWLEDGED, recipient(1), Optional.empty());

        assertThat(other.isRegistered(ACKNOWLEDGED, recipient(1)).block()).as("a stored registry's keys are unchanged").isTrue();
        assertThat(registry.isRegistered(ACKNOWLEDGED, recipient(1))).isTrue();
    }

    @Test
    void concurrentCallersOnTheMemoryRegistryShouldNeverMeetItsUnlockedIteration() throws Exception {
        SerialNotificationRegistry registry = new SerialNotificationRegistry(new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider()));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int from = thread * 2_000;
                calls.add(threads.submit(() -> {
                    for (int i = from; i < from + 2_000; i++) {
                        RecipientId recipient = recipient(i);
                        assertThat(registry.registerIfAbsent(ACKNOWLEDGED, recipient, Optional.empty())).isTrue();
                        assertThat(registry.isRegistered(ACKNOWLEDGED, recipient)).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
