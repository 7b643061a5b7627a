package com.teaminbox.james.autoreply;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;

import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.storage.SerialNotificationRegistry;

/**
 * What acknowledgements were already sent, kept in James's NotificationRegistry (through
 * {@link SerialNotificationRegistry}: memory, or Cassandra shared by every node of a cluster, with
 * expiry), never in this JVM alone.
 *
 * <p>The registry is a set of (account, recipient) pairs with an expiry, not a counter, so the
 * per-sender daily cap is kept as numbered slots: sending to a sender takes the first free slot
 * {@code 1..cap} of the day. Two nodes taking a slot at the very same moment may both succeed:
 * the cap can be exceeded by the number of nodes racing, never by a loop.
 */
public class AcknowledgementLedger {
    /** How long a ticket is remembered as acknowledged: longer than any ticket stays open without reply. */
    static final Duration TICKET_MEMORY = Duration.ofDays(365);
    private static final String TICKET_DOMAIN = "tickets.teaminbox.invalid";
    private static final ThreadLocal<TicketRecipient> LAST_TICKET = new ThreadLocal<>();

    /** At most this many senders' slots are remembered per day (a few MB); others are asked of the registry each time. */
    static final int REMEMBERED_SENDERS = 100_000;

    private final SerialNotificationRegistry registry;
    private final Clock clock;
    private final AtomicReference<TakenSlots> takenSlots = new AtomicReference<>(new TakenSlots(LocalDate.MIN, new ConcurrentHashMap<>()));

    @Inject
    public AcknowledgementLedger(SerialNotificationRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public boolean isAcknowledged(MailAddress sharedAddress, TicketId ticket) {
        return registry.isRegistered(ticketAccount(sharedAddress), ticketRecipient(ticket));
    }

    public void recordAcknowledged(MailAddress sharedAddress, TicketId ticket) {
        registry.register(ticketAccount(sharedAddress), ticketRecipient(ticket),
            Optional.of(ZonedDateTime.now(clock).plus(TICKET_MEMORY)));
    }

    /**
     * Takes one of today's {@code cap} slots for this sender; false when all are taken.
     * Each slot is taken with {@link SerialNotificationRegistry#registerIfAbsent}: on one node, the
     * spooler's threads never both take a slot. Across nodes the check stays best-effort
     * (documented): two nodes racing can each take the last slot once.
     */
    public boolean takeDailySlot(MailAddress sharedAddress, MailAddress sender, ZoneId zone, int cap) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        TakenSlots known = takenSlots(today);
        String key = sharedAddress.asString() + " " + sender.asString() + " " + zone.getId();
        int firstFree = known.takenThrough().getOrDefault(key, 0) + 1;
        if (firstFree > cap) {
            // All taken, as this node knows: no registry question, nor its expiry (a zone rules lookup), to build.
            return false;
        }
        // The entry outlives the day by a day so that clock skew between nodes cannot reopen slots early.
        Optional<ZonedDateTime> expiry = Optional.of(today.plusDays(2).atStartOfDay(zone));
        RecipientId recipient = RecipientId.fromMailAddress(sender);
        for (int slot = firstFree; slot <= cap; slot++) {
            AccountId account = AccountId.fromString("teaminbox-ack-cap:" + sharedAddress.asString() + ":" + today + ":" + slot);
            if (registry.registerIfAbsent(account, recipient, expiry)) {
                known.remember(key, slot);
                return true;
            }
        }
        known.remember(key, cap);
        return false;
    }

    /**
     * The slots this node knows are taken today, by shared address, sender and zone: 1 to the
     * number kept. A slot, once taken, stays taken all day (its entry expires the day after), on
     * every node, so a sender over the cap is answered without asking the registry again for each
     * slot; the registry is still asked for the slots above, which another node may have taken.
     */
    private record TakenSlots(LocalDate day, ConcurrentHashMap<String, Integer> takenThrough) {
        void remember(String key, int slot) {
            if (takenThrough.size() < REMEMBERED_SENDERS || takenThrough.containsKey(key)) {
                takenThrough.merge(key, slot, Math::max);
            }
        }
    }

    private TakenSlots takenSlots(LocalDate today) {
        TakenSlots known = takenSlots.get();
        if (known.day().equals(today)) {
            return known;
        }
        TakenSlots fresh = new TakenSlots(today, new ConcurrentHashMap<>());
        return takenSlots.compareAndSet(known, fresh) ? fresh : takenSlots.get();
    }

    private static AccountId ticketAccount(MailAddress sharedAddress) {
        return AccountId.fromString("teaminbox-ack-ticket:" + sharedAddress.asString());
    }

    /**
     * The ticket's key in the registry, remembered for the ticket this spool thread named last:
     * {@code Acknowledge} asks whether a new ticket was acknowledged, then records it, on one
     * thread, and James's {@link RecipientId} is only made from a {@link MailAddress}, which
     * parses its text (issue 18). A thread of its own, not the last ticket of the node: twenty spool
     * threads interleave their tickets.
     */
    private static RecipientId ticketRecipient(TicketId ticket) {
        TicketRecipient last = LAST_TICKET.get();
        if (last != null && last.ticket().equals(ticket)) {
            return last.recipient();
        }
        try {
            RecipientId recipient = RecipientId.fromMailAddress(new MailAddress(ticket.toString().toLowerCase(Locale.ROOT) + "@" + TICKET_DOMAIN));
            LAST_TICKET.set(new TicketRecipient(ticket, recipient));
            return recipient;
        } catch (AddressException e) {
            throw new IllegalStateException("A ticket id always makes a valid local part: " + ticket, e);
        }
    }

    private record TicketRecipient(TicketId ticket, RecipientId recipient) {
    }
}
