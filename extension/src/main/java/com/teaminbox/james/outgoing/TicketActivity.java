package com.teaminbox.james.outgoing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

import org.apache.james.core.MailAddress;
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
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.outgoing.TicketHistory;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.TicketHeader;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

import reactor.core.publisher.Flux;

/**
 * A ticket's history as the shared mailbox holds it, for the collision guard: the customer's
 * messages are those of the ticket ({@code X-Ticket}) in any folder but {@code Sent}, from someone
 * who is neither a member nor the shared address; the replies are the copies in {@code Sent} that
 * {@code CopyToSharedSent} stamped with the member who sent them ({@link #SENT_BY_HEADER}), unless
 * they went to members only (an internal note). Read from the mailbox itself, so every James node
 * of a cluster sees the same history; nothing is kept in memory.
 */
public class TicketActivity {
    /** Written on the shared {@code Sent} copy only (never on the mail sent): who sent this reply. */
    public static final String SENT_BY_HEADER = "X-TeamInbox-Sent-By";

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;

    @Inject
    public TicketActivity(MailboxManager mailboxManager, SharedAccounts accounts) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
    }

    public TicketHistory history(SharedMailbox sharedMailbox, TicketId ticket) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(accounts.username(sharedMailbox.address()));
        try {
            MailboxPath sent = SharedAccounts.path(session, FolderName.SENT);
            MailboxPath registry = MailboxTicketRegistry.registryPath(session);
            Optional<Instant> latestCustomer = Optional.empty();
            List<TicketHistory.Reply> replies = new ArrayList<>();
            for (MailboxPath path : SharedAccounts.ownFolders(mailboxManager, session)) {
                if (path.equals(registry)) {
                    continue;
                }
                MessageManager folder = mailboxManager.getMailbox(path, session);
                for (MessageResult message : ofTicket(folder, ticket, session)) {
                    Instant at = message.getInternalDate().toInstant();
                    if (path.equals(sent)) {
                        Optional<String> member = sentBy(message);
                        if (member.isPresent() && !internal(message, sharedMailbox)) {
                            replies.add(new TicketHistory.Reply(member.get(), at));
                        }
                    } else if (fromCustomer(message, sharedMailbox)) {
                        latestCustomer = latestCustomer.filter(latest -> latest.isAfter(at)).or(() -> Optional.of(at));
                    }
                }
            }
            return new TicketHistory(latestCustomer, replies);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** The search offers only "header contains": candidates are compared whole, so that SUP-1 does not find SUP-12. */
    private static List<MessageResult> ofTicket(MessageManager folder, TicketId ticket, MailboxSession session) throws MailboxException {
        List<MessageUid> uids = Flux.from(folder.search(SearchQuery.of(SearchQuery.headerContains(TicketHeader.NAME,
            ticket.toString())), session)).collectList().block();
        List<MessageResult> found = new ArrayList<>();
        for (MessageUid uid : uids) {
            MessageResultIterator results = folder.getMessages(MessageRange.one(uid), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                if (header(result, TicketHeader.NAME).stream().anyMatch(value -> value.strip().equalsIgnoreCase(ticket.toString()))) {
                    found.add(result);
                }
            }
        }
        return found;
    }

    private static Optional<String> sentBy(MessageResult message) throws MailboxException {
        return header(message, SENT_BY_HEADER).stream().findFirst().map(value -> value.strip().toLowerCase(Locale.ROOT));
    }

    private static boolean fromCustomer(MessageResult message, SharedMailbox sharedMailbox) throws MailboxException {
        List<MailAddress> from = addresses(header(message, "From"));
        return !from.isEmpty() && from.stream().noneMatch(address -> isInternal(address, sharedMailbox));
    }

    /** A copy whose To: and Cc: are all the shared address or members: an internal note, not a reply to the customer. */
    private static boolean internal(MessageResult message, SharedMailbox sharedMailbox) throws MailboxException {
        List<String> values = new ArrayList<>(header(message, "To"));
        values.addAll(header(message, "Cc"));
        List<MailAddress> recipients = addresses(values);
        return !recipients.isEmpty() && recipients.stream().allMatch(address -> isInternal(address, sharedMailbox));
    }

    static boolean isInternal(MailAddress address, SharedMailbox sharedMailbox) {
        return address.equals(sharedMailbox.address()) || sharedMailbox.member(address).isPresent();
    }

    private static List<MailAddress> addresses(List<String> values) {
        List<MailAddress> addresses = new ArrayList<>();
        for (String value : values) {
            try {
                for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                    addresses.add(new MailAddress(address));
                }
            } catch (AddressException e) {
                // An unreadable address is nobody we know: it counts as outside.
                addresses.add(MailAddress.nullSender());
            }
        }
        return addresses;
    }

    private static List<String> header(MessageResult message, String name) throws MailboxException {
        List<String> values = new ArrayList<>();
        Iterator<Header> headers = message.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase(name)) {
                values.add(header.getValue());
            }
        }
        return values;
    }
}
