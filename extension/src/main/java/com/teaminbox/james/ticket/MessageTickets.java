package com.teaminbox.james.ticket;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.api.VacationRepository;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;

/**
 * Which ticket a message of the shared account carries, by its Message-ID, remembered cluster-wide
 * when the message is ticketed (a received mail, a member's reply copied to Sent): threading a reply
 * reads one key instead of searching the account (issue 18). Kept in James's
 * {@link VacationRepository}, the store of vacation replies, used as a map: the key is
 * {@code teaminbox-message-ticket:<shared address>:<sha-256 of the identifier>}
 * ({@link MessageIdDigests}), the value the ticket as the {@code X-Ticket} header writes it, in the
 * entry's subject (the entry stays disabled). Stored keys: never change the format.
 *
 * <p>Why this store: memory and Cassandra both read an entry by its key (a hash map; one partition
 * of the vacation table per key), so the cost does not grow with the account. Mailbox annotations,
 * as {@link TicketOrigins} keeps, would put every key on the registry folder: James's memory mapper
 * copies all of a folder's annotations to answer for one key (a cost that grows with the account,
 * fine for the rare retry TicketOrigins serves, not for every reply), and Cassandra keeps a folder's
 * annotations in one partition. The {@code NotificationRegistry} that {@link KnownMessageIds} uses
 * answers yes or no: it cannot hand a ticket back. Vacation entries are read by a user's own name
 * (the vacation mailet, JMAP, WebAdmin); no user is called {@code teaminbox-message-ticket:…}.
 *
 * <p>Why a lock, on the memory repository only: James 3.8.1's memory repository is a plain
 * {@code HashMap}, written here by every spool thread (as {@code SerialNotificationRegistry} explains
 * for the notification registry). Cassandra's is called without it: it is safe to call concurrently.
 *
 * <p>What the lock does not cover, on the memory backend only: James's own users of the same map do
 * not take it. {@code VacationMailet} ({@code match="All"} in the stock memory server's
 * {@code mailetcontainer.xml}) reads the map for every delivered mail, on the spool threads; JMAP's
 * VacationResponse/set and WebAdmin's vacation routes read and write it. Our writes, one per ticketed
 * mail, make the map grow and resize: a James read that meets a resize can miss a user's vacation
 * (that mail gets no vacation reply), and a user's vacation write that races one of ours can be lost.
 * docs/tickets.md says so to administrators.
 */
public class MessageTickets {
    private static final String NAMESPACE = "teaminbox-message-ticket";
    private static final String JAMES_MEMORY_REPOSITORY = "org.apache.james.vacation.memory.MemoryVacationRepository";

    private final VacationRepository repository;
    private final boolean serialized;

    @Inject
    public MessageTickets(VacationRepository repository) {
        this.repository = repository;
        this.serialized = repository.getClass().getName().equals(JAMES_MEMORY_REPOSITORY);
    }

    public void remember(SharedMailbox sharedMailbox, String messageId, TicketId ticket) {
        VacationPatch entry = VacationPatch.builder().subject(ticket.toString()).isEnabled(false).build();
        AccountId key = key(sharedMailbox, messageId);
        if (serialized) {
            synchronized (this) {
                repository.modifyVacation(key, entry).block();
            }
            return;
        }
        repository.modifyVacation(key, entry).block();
    }

    /**
     * What is remembered for this Message-ID: nothing (an identifier remembered before tickets were,
     * before 2026-12-07), or an entry. An entry's ticket is read with the shared mailbox's prefix as
     * the {@code X-Ticket} header is: one written under another prefix (since changed) is an entry
     * without a ticket.
     */
    public Optional<Entry> entryOf(SharedMailbox sharedMailbox, String messageId) {
        AccountId key = key(sharedMailbox, messageId);
        Vacation entry;
        if (serialized) {
            synchronized (this) {
                entry = repository.retrieveVacation(key).block();
            }
        } else {
            entry = repository.retrieveVacation(key).block();
        }
        // James answers a missing key with its default vacation, which has no subject; every entry we write has one
        return Optional.ofNullable(entry)
            .flatMap(Vacation::getSubject)
            .map(value -> new Entry(TicketId.parse(value, sharedMailbox.ticketPrefix())));
    }

    /** An entry remembered for a Message-ID: its ticket, none when the entry was written under another ticket prefix. */
    public record Entry(Optional<TicketId> ticket) {
    }

    static AccountId key(SharedMailbox sharedMailbox, String messageId) {
        return AccountId.fromString(NAMESPACE + ":" + sharedMailbox.address().asString() + ":" + MessageIdDigests.of(messageId));
    }
}
