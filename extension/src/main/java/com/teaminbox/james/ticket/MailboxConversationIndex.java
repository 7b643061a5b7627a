package com.teaminbox.james.ticket;

import java.util.ArrayList;
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
 * Finds a conversation's ticket from the Message-IDs a reply points to: when a message is ticketed
 * (received, or a member's reply copied to Sent) its identifier is remembered with its ticket
 * ({@link MessageTickets}), and a reply reads it back by key. {@link KnownMessageIds} answers first
 * whether the shared mailbox ever held the identifier with a ticket: most identifiers a reply names
 * (the customer's own earlier mail) it never did, and cost that one lookup.
 *
 * <p>An identifier remembered before its ticket was (before 2026-12-07: {@link KnownMessageIds}
 * only) is looked for as it was then: a search of the shared account (every folder: INBOX, Sent,
 * Archive, Trash…) for the message, whose {@code X-Ticket} header names the ticket.
 *
 * <p>Consequences for operators: a remembered ticket stays the conversation's ticket after its
 * message is deleted (a reply to an answer whose copy left Sent still joins the ticket, as a reply
 * keeping the subject tag does); only a message remembered before 2026-12-07 and since deleted lets
 * the reply open a new ticket. A message that reached the shared account without passing through
 * our pipeline (an IMAP APPEND carrying an {@code X-Ticket} header) is not found by its Message-ID;
 * its ticket tag in the subject still threads the replies.
 */
public class MailboxConversationIndex implements ConversationIndex {
    private static final int MAX_MATCHES = 20;

    private final MailboxManager mailboxManager;
    private final MessageIdManager messageIdManager;
    private final SharedAccounts accounts;
    private final KnownMessageIds knownMessageIds;
    private final MessageTickets messageTickets;

    @Inject
    public MailboxConversationIndex(MailboxManager mailboxManager, MessageIdManager messageIdManager, SharedAccounts accounts,
                                    KnownMessageIds knownMessageIds, MessageTickets messageTickets) {
        this.mailboxManager = mailboxManager;
        this.messageIdManager = messageIdManager;
        this.accounts = accounts;
        this.knownMessageIds = knownMessageIds;
        this.messageTickets = messageTickets;
    }

    /** The ticket before the fact: an identifier known to carry a ticket has it stored, unless remembered before 2026-12-07. */
    @Override
    public void remember(SharedMailbox sharedMailbox, String messageId, TicketId ticket) {
        messageTickets.remember(sharedMailbox, messageId, ticket);
        knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, sharedMailbox, messageId);
    }

    /**
     * The first identifier, in the reply's order, with a remembered ticket gives it; identifiers
     * before it that were remembered without their ticket are searched for first, as they were. An
     * identifier whose ticket was remembered under another prefix gives none and is not searched for.
     */
    @Override
    public Optional<TicketId> ticketOf(SharedMailbox sharedMailbox, List<String> referencedIds) {
        List<String> rememberedWithoutTicket = new ArrayList<>(0);
        for (String messageId : referencedIds) {
            if (!knownMessageIds.isKnown(KnownMessageIds.Fact.CARRIES_TICKET, sharedMailbox, messageId)) {
                continue;
            }
            Optional<MessageTickets.Entry> entry = messageTickets.entryOf(sharedMailbox, messageId);
            if (entry.isEmpty()) {
                rememberedWithoutTicket.add(messageId);
                continue;
            }
            Optional<TicketId> stored = entry.get().ticket();
            if (stored.isPresent()) {
                return rememberedWithoutTicket.isEmpty() ? stored : search(sharedMailbox, rememberedWithoutTicket).or(() -> stored);
            }
            // stored under another ticket prefix: the message's X-Ticket header names that prefix too, so a search could not find
            // a ticket of this one; searching would cost a scan of the account for every reply naming it, for nothing
        }
        return rememberedWithoutTicket.isEmpty() ? Optional.empty() : search(sharedMailbox, rememberedWithoutTicket);
    }

    /** The ticket of the first message found, in any folder of the shared account, with one of these identifiers and our header. */
    private Optional<TicketId> search(SharedMailbox sharedMailbox, List<String> messageIds) {
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
