package com.teaminbox.james.ticket;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.storage.SerialNotificationRegistry;

/**
 * Which Message-IDs a shared mailbox has seen, remembered cluster-wide (James's
 * NotificationRegistry: memory, or Cassandra shared by every node) so that the common answer, "never
 * seen", costs one key lookup instead of a mailbox search.
 *
 * <p>Why: the mailbox layer's search is the source of truth for "which ticket does this message
 * carry", but on a backend without a search index (memory) every search scans every message of
 * the account, and most lookups find nothing: a reply usually points to the customer's own earlier
 * mail or to messages that never reached the shared mailbox. A search now runs only for an
 * identifier remembered here. The set only ever grows (no expiry), so a remembered identifier may
 * point to a message since deleted: the search then finds nothing, as it would have.
 */
public class KnownMessageIds {
    /** What a remembered identifier says about its message. */
    public enum Fact {
        /** The shared mailbox holds this message with our ticket header (received, or a copy in Sent). */
        CARRIES_TICKET("teaminbox-message-ticketed"),
        /** This message opened a ticket: its registry entry names it. */
        OPENED_TICKET("teaminbox-message-opened");

        private final String namespace;

        Fact(String namespace) {
            this.namespace = namespace;
        }
    }

    private static final RecipientId PRESENT = recipient("message@ids.teaminbox.invalid");

    private static final Fact[] FACTS = Fact.values();

    private final SerialNotificationRegistry registry;
    /** The keys' prefixes for the shared address named last (by identity); a stale read only costs building them again. */
    private volatile KeyPrefixes lastPrefixes;

    /** {@code <namespace>:<address>:} for each fact, indexed by ordinal. */
    private record KeyPrefixes(MailAddress address, String[] byFact) {
    }

    @Inject
    public KnownMessageIds(SerialNotificationRegistry registry) {
        this.registry = registry;
    }

    public void remember(Fact fact, SharedMailbox sharedMailbox, String messageId) {
        registry.register(keyOf(fact, sharedMailbox, messageId), PRESENT, Optional.empty());
    }

    public boolean isKnown(Fact fact, SharedMailbox sharedMailbox, String messageId) {
        return registry.isRegistered(keyOf(fact, sharedMailbox, messageId), PRESENT);
    }

    /**
     * As {@link #key}, with the part before the digest kept for the shared address named last: a
     * new ticket names three keys of one shared address, each of which concatenated the namespace,
     * the address (which James's {@code MailAddress.asString()} concatenates at each call) and the
     * digest (issue 18).
     */
    AccountId keyOf(Fact fact, SharedMailbox sharedMailbox, String messageId) {
        MailAddress address = sharedMailbox.address();
        KeyPrefixes prefixes = lastPrefixes;
        if (prefixes == null || prefixes.address() != address) {
            String text = address.asString();
            String[] byFact = new String[FACTS.length];
            for (Fact each : FACTS) {
                byFact[each.ordinal()] = each.namespace + ":" + text + ":";
            }
            prefixes = new KeyPrefixes(address, byFact);
            lastPrefixes = prefixes;
        }
        return AccountId.fromString(prefixes.byFact()[fact.ordinal()].concat(MessageIdDigests.of(messageId)));
    }

    /** What {@link KnownMessageIdsBackfill} went through a shared account once for; the marks are stored keys: never change them. */
    public enum Backfill {
        /** The identifiers (both facts), since 2026-11-27. */
        IDENTIFIERS("teaminbox-message-ids-backfilled"),
        /** The tickets of the messages carrying one ({@link MessageTickets}), since 2026-12-07. */
        TICKETS("teaminbox-message-tickets-backfilled");

        private final String namespace;

        Backfill(String namespace) {
            this.namespace = namespace;
        }
    }

    public boolean isBackfilled(Backfill backfill, SharedMailbox sharedMailbox) {
        return registry.isRegistered(backfillKey(backfill, sharedMailbox), PRESENT);
    }

    public void markBackfilled(Backfill backfill, SharedMailbox sharedMailbox) {
        registry.register(backfillKey(backfill, sharedMailbox), PRESENT, Optional.empty());
    }

    static AccountId backfillKey(Backfill backfill, SharedMailbox sharedMailbox) {
        return AccountId.fromString(backfill.namespace + ":" + sharedMailbox.address().asString());
    }

    /**
     * One registry account per identifier, so that a lookup reads one entry (Cassandra: one
     * partition; memory: one map key). The identifier is hashed ({@link MessageIdDigests}): it comes
     * from the sender, may be long and hold any character. Stored keys: never change the format.
     */
    static AccountId key(Fact fact, SharedMailbox sharedMailbox, String messageId) {
        return AccountId.fromString(fact.namespace + ":" + sharedMailbox.address().asString() + ":" + MessageIdDigests.of(messageId));
    }

    private static RecipientId recipient(String address) {
        try {
            return RecipientId.fromMailAddress(new MailAddress(address));
        } catch (AddressException e) {
            throw new IllegalStateException("A constant address is valid: " + address, e);
        }
    }
}
