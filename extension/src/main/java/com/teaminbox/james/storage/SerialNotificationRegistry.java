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
 * keys, one call at a time on this node.
 *
 * <p>Why one lock for every user of the registry: James 3.8.1's memory registry iterates a
 * synchronized multimap's view without its lock, so a {@code register()} in one spool thread makes
 * an {@code isRegistered()} in another throw ConcurrentModificationException (seen with 20
 * concurrent new tickets). Two of our classes locking separately would still race each other.
 */
public class SerialNotificationRegistry {
    private final NotificationRegistry registry;

    @Inject
    public SerialNotificationRegistry(NotificationRegistry registry) {
        this.registry = registry;
    }

    public synchronized boolean isRegistered(AccountId account, RecipientId recipient) {
        return Boolean.TRUE.equals(registry.isRegistered(account, recipient).block());
    }

    public synchronized void register(AccountId account, RecipientId recipient, Optional<ZonedDateTime> expiry) {
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
