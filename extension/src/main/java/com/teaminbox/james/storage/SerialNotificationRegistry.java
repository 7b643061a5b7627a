package com.teaminbox.james.storage;

import java.time.ZonedDateTime;
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
 */
public class SerialNotificationRegistry {
    private static final String JAMES_MEMORY_REGISTRY = "org.apache.james.vacation.memory.MemoryNotificationRegistry";

    private final NotificationRegistry registry;
    private final boolean serialized;

    @Inject
    public SerialNotificationRegistry(NotificationRegistry registry) {
        this.registry = registry;
        this.serialized = registry.getClass().getName().equals(JAMES_MEMORY_REGISTRY);
    }

    public boolean isRegistered(AccountId account, RecipientId recipient) {
        if (serialized) {
            synchronized (this) {
                return Boolean.TRUE.equals(registry.isRegistered(account, recipient).block());
            }
        }
        return Boolean.TRUE.equals(registry.isRegistered(account, recipient).block());
    }

    public void register(AccountId account, RecipientId recipient, Optional<ZonedDateTime> expiry) {
        if (serialized) {
            synchronized (this) {
                registry.register(account, recipient, expiry).block();
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
}
