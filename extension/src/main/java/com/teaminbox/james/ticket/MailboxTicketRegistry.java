package com.teaminbox.james.ticket;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.UidProvider;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;

import reactor.core.publisher.Flux;

/**
 * Ticket numbers are IMAP UIDs of the shared account's {@value #REGISTRY_FOLDER} folder: opening a
 * ticket takes the folder's next UID from the mailbox layer's own counter
 * ({@link UidProvider#nextUid(org.apache.james.mailbox.model.MailboxId)}) without appending a message.
 *
 * <p>Why: James 3.8.1 has no cluster-wide counter, but every mailbox backend must hand out
 * strictly increasing, never reused UIDs per mailbox under concurrent appends (memory: an atomic
 * counter; Cassandra: a lightweight transaction; JPA: a row lock), and the UID provider is that
 * counter. It is taken from the mapper factory ({@link MailboxSessionMapperFactory#getUidProvider()}),
 * the one the message mapper appends with: James's memory server also binds a {@link UidProvider}
 * in Guice, but that is a second instance whose counters appends never see. Until 2026-12-06 each ticket appended a small entry message and used its UID; taking
 * the UID alone costs a counter step instead of a message (docs/benchmarks.md), and continues the
 * same sequence: entries written by the older registry keep their numbers, new ones come above.
 *
 * <p>Which Message-ID opened which ticket, for idempotent retries, is one annotation of the folder
 * per ticket ({@link TicketOrigins}); a ticket opened by the older registry is found by its entry's
 * {@value #ORIGIN_MESSAGE_ID_HEADER} header. Both are read only when {@link KnownMessageIds} says
 * the identifier opened a ticket: the usual new mail costs one key lookup.
 *
 * <p>Caveat for operators: deleting and recreating the registry folder restarts the UIDs, hence the
 * numbers; back it up with the rest of the account.
 */
public class MailboxTicketRegistry implements TicketRegistry {
    public static final String REGISTRY_FOLDER = "Ticket Registry";
    /** The header of the entries the registry appended until 2026-12-06, naming the mail that opened the ticket. */
    public static final String ORIGIN_MESSAGE_ID_HEADER = "X-Ticket-Origin-Message-Id";

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final KnownMessageIds knownMessageIds;
    private final UidProvider uidProvider;
    private final TicketOrigins origins;

    @Inject
    public MailboxTicketRegistry(MailboxManager mailboxManager, SharedAccounts accounts, KnownMessageIds knownMessageIds,
                                 MailboxSessionMapperFactory mappers, TicketOrigins origins) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.knownMessageIds = knownMessageIds;
        this.uidProvider = mappers.getUidProvider();
        this.origins = origins;
    }

    public static MailboxPath registryPath(MailboxSession session) {
        return MailboxPath.forUser(session.getUser(), REGISTRY_FOLDER);
    }

    /**
     * The number is taken first, then the Message-ID is remembered with it, then marked known: a
     * crash between the steps can at worst open a second ticket for a resent mail, never lose one
     * or give one number twice. Two copies of one mail delivered at the same instant (before either
     * is remembered) may each open a ticket, as they could before.
     */
    @Override
    public TicketId open(SharedMailbox sharedMailbox, String subject, Optional<String> originMessageId) {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager registry = registry(session);
            Optional<Long> alreadyOpened = openedBy(registry, session, sharedMailbox, originMessageId);
            if (alreadyOpened.isPresent()) {
                return TicketId.of(sharedMailbox.ticketPrefix(), alreadyOpened.get());
            }
            long number = uidProvider.nextUid(registry.getId()).asLong();
            if (originMessageId.isPresent()) {
                origins.remember(session, registry.getId(), originMessageId.get(), number);
                knownMessageIds.remember(KnownMessageIds.Fact.OPENED_TICKET, sharedMailbox, originMessageId.get());
            }
            return TicketId.of(sharedMailbox.ticketPrefix(), number);
        } catch (MailboxException e) {
            throw new TicketRegistryException("Could not open a ticket in " + owner.asString() + "'s " + REGISTRY_FOLDER, e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Issued: at most the registry's last UID, the counter every number came from (entries of the older registry included). */
    @Override
    public boolean isIssued(SharedMailbox sharedMailbox, TicketId ticket) {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager registry = registry(session);
            long last = uidProvider.lastUid(registry.getMailboxEntity()).map(MessageUid::asLong).orElse(0L);
            return ticket.number() >= 1 && ticket.number() <= last;
        } catch (MailboxException e) {
            throw new TicketRegistryException("Could not read " + owner.asString() + "'s " + REGISTRY_FOLDER, e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * The ticket a mail with this Message-ID opened, if any: its annotation, or the older registry's
     * entry naming it (a search: indexed on distributed James, a scan of the folder on the memory
     * backend). Run only when {@link KnownMessageIds} remembers the identifier: a retry or a resent
     * mail, not the usual new mail.
     */
    private Optional<Long> openedBy(MessageManager registry, MailboxSession session, SharedMailbox sharedMailbox,
                                    Optional<String> originMessageId) throws MailboxException {
        if (originMessageId.isEmpty()
            || !knownMessageIds.isKnown(KnownMessageIds.Fact.OPENED_TICKET, sharedMailbox, originMessageId.get())) {
            return Optional.empty();
        }
        Optional<Long> remembered = origins.ticketOf(session, registry.getId(), originMessageId.get());
        if (remembered.isPresent()) {
            return remembered;
        }
        SearchQuery query = SearchQuery.of(SearchQuery.headerContains(ORIGIN_MESSAGE_ID_HEADER,
            TicketSubjects.singleLine(originMessageId.get())));
        return Flux.from(registry.search(query, session)).next().map(MessageUid::asLong).blockOptional();
    }

    private MessageManager registry(MailboxSession session) throws MailboxException {
        MailboxPath path = registryPath(session);
        try {
            return mailboxManager.getMailbox(path, session);
        } catch (MailboxNotFoundException e) {
            // Provisioning creates it; recreate if an operator removed it, tolerating a concurrent creation.
            try {
                mailboxManager.createMailbox(path, session);
            } catch (MailboxExistsException alreadyCreated) {
                // another delivery created it first
            }
            return mailboxManager.getMailbox(path, session);
        }
    }
}
