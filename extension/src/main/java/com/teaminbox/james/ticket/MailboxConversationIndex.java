package com.teaminbox.james.ticket;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MultimailboxesSearchQuery;
import org.apache.james.mailbox.model.SearchQuery;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.store.ConversationIndex;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.TicketHeader;

import reactor.core.publisher.Flux;

/**
 * Finds a conversation's ticket in the shared account itself: the messages a reply points to
 * (by Message-ID, in any folder: INBOX, Sent, Archive, Trash…) carry our {@code X-Ticket} header.
 * The mail is the source of truth; {@link KnownMessageIds} only spares the search for identifiers
 * the shared mailbox never received with a ticket, which are most of them.
 *
 * <p>Consequence for operators: a message that reached the shared account without passing
 * through our pipeline (an IMAP APPEND carrying an {@code X-Ticket} header) is not found by its
 * Message-ID; its ticket tag in the subject still threads the replies.
 */
public class MailboxConversationIndex implements ConversationIndex {
    private static final int MAX_MATCHES = 20;

    private final MailboxManager mailboxManager;
    private final MessageIdManager messageIdManager;
    private final SharedAccounts accounts;
    private final KnownMessageIds knownMessageIds;

    @Inject
    public MailboxConversationIndex(MailboxManager mailboxManager, MessageIdManager messageIdManager, SharedAccounts accounts,
                                    KnownMessageIds knownMessageIds) {
        this.mailboxManager = mailboxManager;
        this.messageIdManager = messageIdManager;
        this.accounts = accounts;
        this.knownMessageIds = knownMessageIds;
    }

    @Override
    public void remember(SharedMailbox sharedMailbox, String messageId) {
        knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, sharedMailbox, messageId);
    }

    @Override
    public Optional<TicketId> ticketOf(SharedMailbox sharedMailbox, List<String> referencedIds) {
        List<String> messageIds = referencedIds.stream()
            .filter(id -> knownMessageIds.isKnown(KnownMessageIds.Fact.CARRIES_TICKET, sharedMailbox, id))
            .collect(Collectors.toList());
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            SearchQuery query = SearchQuery.of(SearchQuery.or(messageIds.stream()
                .map(id -> SearchQuery.headerContains("Message-ID", id))
                .collect(Collectors.toList())));
            List<MessageId> found = Flux.from(mailboxManager.search(MultimailboxesSearchQuery.from(query).build(), session, MAX_MATCHES))
                .collectList()
                .block();
            if (found == null || found.isEmpty()) {
                return Optional.empty();
            }
            for (MessageResult message : messageIdManager.getMessages(found, FetchGroup.HEADERS, session)) {
                Optional<TicketId> ticket = ticketHeader(message, sharedMailbox);
                if (ticket.isPresent()) {
                    return ticket;
                }
            }
            return Optional.empty();
        } catch (MailboxException e) {
            throw new TicketRegistryException("Could not search " + owner.asString() + " for the conversation of " + messageIds, e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private static Optional<TicketId> ticketHeader(MessageResult message, SharedMailbox sharedMailbox) throws MailboxException {
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase(TicketHeader.NAME)) {
                Optional<TicketId> ticket = TicketId.parse(header.getValue(), sharedMailbox.ticketPrefix());
                if (ticket.isPresent()) {
                    return ticket;
                }
            }
        }
        return Optional.empty();
    }
}
