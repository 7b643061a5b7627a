package com.teaminbox.james.ticket;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.SearchQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.TicketHeader;

import reactor.core.publisher.Flux;

/**
 * Teaches {@link KnownMessageIds} what a shared account held before it existed, once per shared
 * mailbox: the Message-IDs of the messages carrying our {@code X-Ticket} header, with their ticket
 * ({@link MessageTickets}: a reply to them reads it by key), and of the mails that opened the
 * registry's tickets. Without it, after an upgrade, a reply that lost its tag to older mail, or a
 * mail reprocessed from the error repository, would not find its ticket (or would search the
 * account for it).
 *
 * <p>Runs during provisioning (start and reload); afterwards a registry key per pass says it is
 * done, so later runs cost two lookups. An account gone through before 2026-12-07 (identifiers
 * only) is gone through once more for the tickets, the registry folder left out. Two nodes starting
 * together may both run it: remembering twice is harmless.
 */
public class KnownMessageIdsBackfill {
    private static final Logger LOGGER = LoggerFactory.getLogger(KnownMessageIdsBackfill.class);
    private static final int BATCH = 500;

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final KnownMessageIds knownMessageIds;
    private final MessageTickets messageTickets;

    /** A message's identifier, and the ticket of its {@code X-Ticket} header when it carries one of this mailbox's. */
    private record Identified(String messageId, Optional<TicketId> ticket) {
    }

    @Inject
    public KnownMessageIdsBackfill(MailboxManager mailboxManager, SharedAccounts accounts, KnownMessageIds knownMessageIds,
                                   MessageTickets messageTickets) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.knownMessageIds = knownMessageIds;
        this.messageTickets = messageTickets;
    }

    public void backfill(SharedMailbox sharedMailbox) throws MailboxException {
        boolean identifiersDone = knownMessageIds.isBackfilled(KnownMessageIds.Backfill.IDENTIFIERS, sharedMailbox);
        if (identifiersDone && knownMessageIds.isBackfilled(KnownMessageIds.Backfill.TICKETS, sharedMailbox)) {
            return;
        }
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MailboxPath registry = MailboxTicketRegistry.registryPath(session);
            long remembered = 0;
            for (MailboxPath path : SharedAccounts.ownFolders(mailboxManager, session)) {
                boolean isRegistry = path.equals(registry);
                if (isRegistry && identifiersDone) {
                    // The origins have no ticket to add: TicketOrigins and the older entries hold their numbers.
                    continue;
                }
                remembered += backfillFolder(mailboxManager.getMailbox(path, session), session, sharedMailbox,
                    isRegistry ? KnownMessageIds.Fact.OPENED_TICKET : KnownMessageIds.Fact.CARRIES_TICKET);
            }
            knownMessageIds.markBackfilled(KnownMessageIds.Backfill.IDENTIFIERS, sharedMailbox);
            knownMessageIds.markBackfilled(KnownMessageIds.Backfill.TICKETS, sharedMailbox);
            LOGGER.info("Remembered {} Message-IDs already held by {}, with their tickets", remembered, owner.asString());
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private long backfillFolder(MessageManager folder, MailboxSession session, SharedMailbox sharedMailbox, KnownMessageIds.Fact fact)
        throws MailboxException {
        String marker = fact == KnownMessageIds.Fact.OPENED_TICKET ? MailboxTicketRegistry.ORIGIN_MESSAGE_ID_HEADER : TicketHeader.NAME;
        List<MessageUid> uids = Flux.from(folder.search(SearchQuery.of(SearchQuery.headerExists(marker)), session)).collectList().block();
        long remembered = 0;
        for (int start = 0; start < uids.size(); start += BATCH) {
            List<MessageUid> batch = uids.subList(start, Math.min(uids.size(), start + BATCH));
            Iterator<MessageResult> messages = folder.getMessages(MessageRange.range(batch.get(0), batch.get(batch.size() - 1)),
                FetchGroup.HEADERS, session);
            while (messages.hasNext()) {
                Optional<Identified> identified = identifier(messages.next(), sharedMailbox, fact);
                if (identified.isPresent()) {
                    String messageId = identified.get().messageId();
                    // The ticket before the fact, as MailboxConversationIndex remembers them.
                    identified.get().ticket().ifPresent(ticket -> messageTickets.remember(sharedMailbox, messageId, ticket));
                    knownMessageIds.remember(fact, sharedMailbox, messageId);
                    remembered++;
                }
            }
        }
        return remembered;
    }

    /** The registry entry's origin, or the Message-ID of a message whose {@code X-Ticket} is this mailbox's. */
    private static Optional<Identified> identifier(MessageResult message, SharedMailbox sharedMailbox, KnownMessageIds.Fact fact)
        throws MailboxException {
        Optional<String> messageId = Optional.empty();
        Optional<String> origin = Optional.empty();
        Optional<TicketId> ours = Optional.empty();
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase("Message-ID") && messageId.isEmpty()) {
                messageId = Optional.of(header.getValue());
            } else if (header.getName().equalsIgnoreCase(MailboxTicketRegistry.ORIGIN_MESSAGE_ID_HEADER)) {
                origin = Optional.of(header.getValue());
            } else if (header.getName().equalsIgnoreCase(TicketHeader.NAME)) {
                if (ours.isEmpty()) {
                    ours = TicketId.parse(header.getValue(), sharedMailbox.ticketPrefix());
                }
            }
        }
        if (fact == KnownMessageIds.Fact.OPENED_TICKET) {
            return origin.map(id -> new Identified(id, Optional.empty()));
        }
        Optional<TicketId> ticket = ours;
        return ticket.isPresent() ? messageId.map(id -> new Identified(id, ticket)) : Optional.empty();
    }
}
