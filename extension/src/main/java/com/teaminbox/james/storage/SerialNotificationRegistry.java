package com.teaminbox.james.storage;

import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.RecipientId;

/**
 * James's {@link NotificationRegistry} (the store of Sieve vacation replies: memory, or Cassandra
 * shared by every node of a cluster, with expiry), used by our classes as a cluster-wide set of
 * keys; bound once per node, so that every one of our classes shares its lock.
 *
 * <p>Why a lock, on the memory registry only: James 3.8.1's memory registry iterates a
 * synchronized multimap's view without its lock, so a {@code register()} in one spool thread makes
 * an {@code isRegistered()} in another throw ConcurrentModificationException (seen with 20
 * concurrent new tickets); two of our classes locking separately would still race each other.
 * Other registries (Cassandra) are called concurrently: one lock per node would queue every
 * round trip behind the others. (James's own vacation mailet does not take this lock: on the
 * memory backend it can still meet the race, as it can without TeamInbox.)
 *
 * <p>Why the memory registry's keys are spread over {@value #MEMORY_BUCKETS} accounts: its
 * {@code isRegistered()} walks every recipient registered for the account, expired ones included
 * (it never removes them), and some of our accounts gain one per ticket or sender (the
 * acknowledged tickets of a shared mailbox): the walk, under the lock above, grew with the
 * server's age (issue 18). A recipient is registered and looked up under its own account's bucket
 * ({@code <account>#<n>}, n from the recipient), so a look-up walks a
 * {@value #MEMORY_BUCKETS}th of them and holds the lock as much shorter. The memory registry keeps
 * nothing across a restart, so no entry was ever written under the old keys; the others
 * (Cassandra) look a key up directly and keep the keys they always had.
 */
public class SerialNotificationRegistry {
    private static final String JAMES_MEMORY_REGISTRY = "org.apache.james.vacation.memory.MemoryNotificationRegistry";
    /**
     * How many accounts of the memory registry one of our accounts is spread over. 1,024 (64 until
     * 2026-12-07): an account of acknowledged tickets gains a recipient per ticket, so at 64 the walk
     * still grew by one recipient every 64 tickets; the memory registry's accounts cost a map entry
     * each ({@code SerialNotificationRegistryBenchmark}, docs/benchmarks.md {@code notify15}).
     */
    static final int MEMORY_BUCKETS = 1024;

    private final NotificationRegistry registry;
    private final boolean serialized;
    /** The recipient (by identity) asked last and its bucket's suffix; a stale read only costs computing it again. */
    private volatile BucketSuffix lastSuffix;

    private record BucketSuffix(RecipientId recipient, String suffix) {
    }

    @Inject
    public SerialNotificationRegistry(NotificationRegistry registry) {
        this.registry = registry;
        this.serialized = registry.getClass().getName().equals(JAMES_MEMORY_REGISTRY);
    }

    public boolean isRegistered(AccountId account, RecipientId recipient) {
        if (serialized) {
            AccountId bucket = bucketOf(account, recipient);
            synchronized (this) {
                return Boolean.TRUE.equals(registry.isRegistered(bucket, recipient).block());
            }
        }
        return Boolean.TRUE.equals(registry.isRegistered(account, recipient).block());
    }

    public void register(AccountId account, RecipientId recipient, Optional<ZonedDateTime> expiry) {
        if (serialized) {
            AccountId bucket = bucketOf(account, recipient);
            synchronized (this) {
                registry.register(bucket, recipient, expiry).block();
            }
            return;
        }
        registry.register(account, recipient, expiry).block();
    }

    /**
     * Registers the pair unless it already is, as one step on this node: the registry offers no
     * compare-and-set, so across nodes two callers may both see it free (callers document it).
     *
     * @return whether this call registered it
     */
    public synchronized boolean registerIfAbsent(AccountId account, RecipientId recipient, Optional<ZonedDateTime> expiry) {
        if (isRegistered(account, recipient)) {
            return false;
        }
        register(account, recipient, expiry);
        return true;
    }

    /**
     * As {@link #bucket}, remembering the suffix of the recipient asked last: most look-ups name one
     * constant recipient ({@code KnownMessageIds}: three per new ticket), whose address James
     * concatenates, and we lower-case and hash, at each call.
     */
    private AccountId bucketOf(AccountId account, RecipientId recipient) {
        BucketSuffix last = lastSuffix;
        if (last == null || last.recipient() != recipient) {
            last = new BucketSuffix(recipient, suffix(recipient));
            lastSuffix = last;
        }
        return AccountId.fromString(account.getIdentifier() + last.suffix());
    }

    /**
     * The memory registry's account of this recipient of {@code account}; lower case, so that
     * recipients equal whatever the case of their address (its domain) fall in one bucket.
     */
    static AccountId bucket(AccountId account, RecipientId recipient) {
        return AccountId.fromString(account.getIdentifier() + suffix(recipient));
    }

    private static String suffix(RecipientId recipient) {
        int hash = recipient.getAsString().toLowerCase(Locale.ROOT).hashCode();
        return "#" + Math.floorMod(hash, MEMORY_BUCKETS);
    }
}
