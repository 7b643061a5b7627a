package com.teaminbox.james.storage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.util.date.DefaultZonedDateTimeProvider;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;
import org.apache.james.vacation.memory.MemoryNotificationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 18: the CPU of a look-up in James's memory registry through {@link SerialNotificationRegistry}
 * when one of our accounts holds {@code registry.benchmark.registered} recipients (5,000 unless
 * told: the acknowledged tickets of a shared mailbox after as many new tickets), one account as until
 * 2026-12-06, spread over 64 buckets as until 2026-12-07 and over
 * {@value SerialNotificationRegistry#MEMORY_BUCKETS} as now, interleaved rounds, CPU of this thread. Run it at C1 too ({@code -DargLine=-XX:TieredStopAtLevel=3}): the server runs most of its
 * per-mail code there. Not part of the suite (it measures, it asserts nothing):
 * <pre>
 * mvn -o -B -pl extension -am test -Dtest=SerialNotificationRegistryBenchmark -Dregistry.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "registry.benchmark", matches = "true")
class SerialNotificationRegistryBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AccountId ACCOUNT = AccountId.fromString("teaminbox-ack-ticket:support@example.test");
    private static final int REGISTERED = Integer.getInteger("registry.benchmark.registered", 5_000);
    private static final int BUCKETS_UNTIL_2026_12_07 = 64;
    private static final int LOOKUPS = 2_000;
    private static final int ROUNDS = 6;

    @Test
    void measure() throws Exception {
        MemoryNotificationRegistry oneAccount = new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider());
        MemoryNotificationRegistry fewBuckets = new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider());
        SerialNotificationRegistry spread = new SerialNotificationRegistry(new MemoryNotificationRegistry(new DefaultZonedDateTimeProvider()));
        RecipientId[] recipients = new RecipientId[REGISTERED * 2];
        AccountId[] fewBucketsOf = new AccountId[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = RecipientId.fromMailAddress(new MailAddress("sup-" + i + "@ticket.teaminbox.invalid"));
            // SerialNotificationRegistry's bucket as it was, with 64
            fewBucketsOf[i] = AccountId.fromString(ACCOUNT.getIdentifier() + "#"
                + Math.floorMod(recipients[i].getAsString().toLowerCase(Locale.ROOT).hashCode(), BUCKETS_UNTIL_2026_12_07));
        }
        for (int i = 0; i < REGISTERED; i++) {
            oneAccount.register(ACCOUNT, recipients[i], Optional.empty()).block();
            fewBuckets.register(fewBucketsOf[i], recipients[i], Optional.empty()).block();
            spread.register(ACCOUNT, recipients[i], Optional.empty());
        }
        Object lock = new Object();
        StringBuilder report = new StringBuilder("\n" + REGISTERED + " registered\n| round | one account (until 2026-12-06) | 64 buckets (until 2026-12-07) | "
            + SerialNotificationRegistry.MEMORY_BUCKETS + " buckets (now) |\n|---:|---:|---:|---:|\n");
        long found = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < LOOKUPS; i++) {
                // half registered, half new: an acknowledgement's look-up of a new ticket misses
                synchronized (lock) {
                    found += Boolean.TRUE.equals(oneAccount.isRegistered(ACCOUNT, recipients[i * 5 % recipients.length]).block()) ? 1 : 0;
                }
            }
            long one = THREADS.getCurrentThreadCpuTime() - start;
            start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < LOOKUPS; i++) {
                int index = i * 5 % recipients.length;
                synchronized (lock) {
                    found += Boolean.TRUE.equals(fewBuckets.isRegistered(fewBucketsOf[index], recipients[index]).block()) ? 1 : 0;
                }
            }
            long few = THREADS.getCurrentThreadCpuTime() - start;
            start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < LOOKUPS; i++) {
                found += spread.isRegistered(ACCOUNT, recipients[i * 5 % recipients.length]) ? 1 : 0;
            }
            long now = THREADS.getCurrentThreadCpuTime() - start;
            report.append(String.format("| %d | %.1f µs | %.1f µs | %.1f µs |%n", round, one / 1_000.0 / LOOKUPS, few / 1_000.0 / LOOKUPS,
                now / 1_000.0 / LOOKUPS));
        }
        System.out.println(report + "(" + found + " found)");
    }
}
