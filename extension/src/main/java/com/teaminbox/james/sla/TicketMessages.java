package com.teaminbox.james.sla;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.FlagsUpdateMode;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.TicketHeader;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

import reactor.core.publisher.Flux;

/**
 * The stored messages of one ticket (their {@code X-Ticket} header) in every folder of the shared
 * account, and what SLA escalations and state changes do to them: keywords and flags added or
 * removed, the assignee read from {@code $Assigned-…}.
 */
public class TicketMessages {
    private final MailboxManager mailboxManager;
    private final MailboxSessionMapperFactory mappers;
    private final SharedAccounts accounts;
    private final KeywordCarriers carriers;

    @Inject
    public TicketMessages(MailboxManager mailboxManager, MailboxSessionMapperFactory mappers, SharedAccounts accounts,
                          KeywordCarriers carriers) {
        this.mailboxManager = mailboxManager;
        this.mappers = mappers;
        this.accounts = accounts;
        this.carriers = carriers;
    }

    /** Adds or removes {@code flags} on every message of {@code ticket}. */
    public void change(SharedMailbox sharedMailbox, String ticket, Flags flags, FlagsUpdateMode mode) throws MailboxException {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            for (MessageManager folder : folders(session)) {
                for (MessageUid uid : ofTicket(folder, ticket, session, Optional.empty())) {
                    folder.setFlags(flags, mode, MessageRange.one(uid), session);
                }
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** The user keywords the ticket's messages carry, all folders together. */
    public Set<String> keywords(SharedMailbox sharedMailbox, String ticket) throws MailboxException {
        return keywords(sharedMailbox, ticket, Optional.empty());
    }

    /**
     * Which of {@code wanted} the ticket's messages carry, all folders together. A customer's every
     * reply on a ticket asks whether it is resolved or pending, and most are neither: for those two
     * keywords, only the messages {@link KeywordCarriers} names are asked (none in most folders:
     * no search at all), else the folder is searched with the keywords before the {@code X-Ticket}
     * header (the memory and JPA backends test a search message by message and stop at the first
     * criterion that fails, so a message without any of them costs a look at its flags instead of a
     * parse of its header).
     */
    public Set<String> keywordsAmong(SharedMailbox sharedMailbox, String ticket, Set<String> wanted) throws MailboxException {
        if (wanted.isEmpty()) {
            return Set.of();
        }
        List<SearchQuery.Criterion> flags = new ArrayList<>(wanted.size());
        for (String keyword : wanted) {
            flags.add(SearchQuery.flagIsSet(keyword));
        }
        SearchQuery.Criterion anyOf = flags.size() == 1 ? flags.get(0) : SearchQuery.or(flags);
        boolean followed = KeywordCarriers.follows(wanted);
        Set<String> carried = new HashSet<>();
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            for (Mailbox stored : folderNames(session)) {
                // The usual folder, watched and without a carrier, is not even opened.
                if (followed && carriers.knownWithoutCarriers(stored.getMailboxId())) {
                    continue;
                }
                MessageManager folder = mailboxManager.getMailbox(stored.generateAssociatedPath(), session);
                Optional<Set<MessageUid>> candidates = followed ? carriers.candidates(folder, session) : Optional.empty();
                if (candidates.isPresent() && candidates.get().isEmpty()) {
                    continue;
                }
                SearchQuery.Criterion first = candidates.isPresent() ? SearchQuery.and(SearchQuery.uid(ranges(candidates.get())), anyOf) : anyOf;
                carried.addAll(keywordsIn(folder, ticket, session, first));
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        Set<String> found = new HashSet<>();
        for (String keyword : wanted) {
            for (String name : carried) {
                if (keyword.equalsIgnoreCase(name)) {
                    found.add(keyword);
                    break;
                }
            }
        }
        return found;
    }

    private Set<String> keywords(SharedMailbox sharedMailbox, String ticket, Optional<SearchQuery.Criterion> first) throws MailboxException {
        Set<String> keywords = new HashSet<>();
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            for (MessageManager folder : folders(session)) {
                keywords.addAll(keywordsIn(folder, ticket, session, first));
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        return keywords;
    }

    private static Set<String> keywordsIn(MessageManager folder, String ticket, MailboxSession session, Optional<SearchQuery.Criterion> first)
        throws MailboxException {
        Set<String> keywords = new HashSet<>();
        for (MessageUid uid : ofTicket(folder, ticket, session, first)) {
            MessageResultIterator results = folder.getMessages(MessageRange.one(uid), FetchGroup.MINIMAL, session);
            while (results.hasNext()) {
                keywords.addAll(List.of(results.next().getFlags().getUserFlags()));
            }
        }
        return keywords;
    }

    private static Set<String> keywordsIn(MessageManager folder, String ticket, MailboxSession session, SearchQuery.Criterion first)
        throws MailboxException {
        return keywordsIn(folder, ticket, session, Optional.of(first));
    }

    /** The UIDs as ranges of consecutive ones: James's memory search reads each range of a UID criterion, and only those. */
    private static SearchQuery.UidRange[] ranges(Set<MessageUid> uids) {
        List<SearchQuery.UidRange> ranges = new ArrayList<>();
        MessageUid low = null;
        MessageUid high = null;
        for (MessageUid uid : new TreeSet<>(uids)) {
            if (high != null && uid.asLong() == high.asLong() + 1) {
                high = uid;
                continue;
            }
            if (low != null) {
                ranges.add(new SearchQuery.UidRange(low, high));
            }
            low = uid;
            high = uid;
        }
        if (low != null) {
            ranges.add(new SearchQuery.UidRange(low, high));
        }
        return ranges.toArray(SearchQuery.UidRange[]::new);
    }

    /** The ticket of each message {@code uids} names in {@code folderName} (an IMAP set as the audit trail writes it). */
    public Set<String> ticketsOf(SharedMailbox sharedMailbox, String folderName, String uids) throws MailboxException {
        Set<String> tickets = new HashSet<>();
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager folder = mailboxManager.getMailbox(MailboxPath.forUser(owner, folderName), session);
            for (MessageRange range : ranges(uids)) {
                MessageResultIterator results = folder.getMessages(range, FetchGroup.HEADERS, session);
                while (results.hasNext()) {
                    ticketHeader(results.next()).ifPresent(tickets::add);
                }
            }
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        return tickets;
    }

    private static List<MessageRange> ranges(String uids) {
        List<MessageRange> ranges = new ArrayList<>();
        for (String part : uids.split(",")) {
            String[] bounds = part.strip().split(":");
            try {
                long low = Long.parseLong(bounds[0]);
                long high = bounds.length > 1 ? (bounds[1].equals("*") ? Long.MAX_VALUE : Long.parseLong(bounds[1])) : low;
                ranges.add(high == Long.MAX_VALUE ? MessageRange.from(MessageUid.of(Math.min(low, high)))
                    : MessageRange.range(MessageUid.of(Math.min(low, high)), MessageUid.of(Math.max(low, high))));
            } catch (NumberFormatException e) {
                // "*" alone or an empty set: nothing to name
            }
        }
        return ranges;
    }

    /** Every folder but the bookkeeping ones (ticket registry, SLA ledger). */
    private List<MessageManager> folders(MailboxSession session) throws MailboxException {
        List<MessageManager> folders = new ArrayList<>();
        for (Mailbox stored : folderNames(session)) {
            folders.add(mailboxManager.getMailbox(stored.generateAssociatedPath(), session));
        }
        return folders;
    }

    /**
     * As {@link #folders}, names and ids only: a folder is opened only when it must be read. The
     * account's own folders as James's mailbox mapper stores them (the cluster's storage), read on
     * this thread: not {@code MailboxManager.search}, which in James 3.8.1 hands its result over to
     * Reactor's {@code parallel} scheduler (a thread woken, then this one, per call) and resolves
     * each folder's rights to build metadata this owner's system session has no use for. A
     * customer's every reply on a ticket lists the folders (issue 18).
     */
    private List<Mailbox> folderNames(MailboxSession session) {
        MailboxPath registry = MailboxTicketRegistry.registryPath(session);
        MailboxPath ledger = SlaLedger.ledgerPath(session);
        MailboxQuery.UserBound own = MailboxQuery.privateMailboxesBuilder(session).matchesAllMailboxNames().build().asUserBound();
        List<Mailbox> folders = new ArrayList<>();
        for (Mailbox stored : mappers.getMailboxMapper(session).findMailboxWithPathLike(own).collectList().block()) {
            MailboxPath path = stored.generateAssociatedPath();
            if (own.matches(stored) && !path.equals(registry) && !path.equals(ledger)) {
                folders.add(stored);
            }
        }
        return folders;
    }

    /**
     * The search offers "header contains" only: candidates are read back, so that SUP-1 does not find
     * SUP-12. {@code first}, when given, is tested before the header (see {@link #keywordsAmong}).
     */
    private static List<MessageUid> ofTicket(MessageManager folder, String ticket, MailboxSession session, Optional<SearchQuery.Criterion> first)
        throws MailboxException {
        SearchQuery.Criterion header = SearchQuery.headerContains(TicketHeader.NAME, ticket);
        SearchQuery query = SearchQuery.of(first.map(criterion -> SearchQuery.and(List.of(criterion, header))).orElse(header));
        List<MessageUid> candidates = Flux.from(folder.search(query, session)).collectList().block();
        List<MessageUid> uids = new ArrayList<>();
        for (MessageUid uid : candidates) {
            MessageResultIterator results = folder.getMessages(MessageRange.one(uid), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                if (ticketHeader(results.next()).filter(ticket::equalsIgnoreCase).isPresent()) {
                    uids.add(uid);
                }
            }
        }
        return uids;
    }

    private static Optional<String> ticketHeader(MessageResult result) throws MailboxException {
        Iterator<Header> headers = result.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase(TicketHeader.NAME)) {
                return Optional.of(header.getValue().strip());
            }
        }
        return Optional.empty();
    }
}
