package com.teaminbox.james.sending;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.model.SearchQuery;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.TicketHeader;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

import reactor.core.publisher.Flux;

/**
 * What a member's reply from a shared address does to the shared mailbox: a copy in its
 * {@code Sent} folder, read, and {@code \Answered} on the message it answers.
 */
public class SharedMailboxReplies {
    private static final String MESSAGE_ID_HEADER = "Message-ID";

    /** A message of the shared account: its folder and UID. */
    public static final class Found {
        private final MailboxPath folder;
        private final MessageUid uid;

        Found(MailboxPath folder, MessageUid uid) {
            this.folder = folder;
            this.uid = uid;
        }

        @Override
        public String toString() {
            return folder.getName() + " uid " + uid.asLong();
        }
    }

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;

    @Inject
    public SharedMailboxReplies(MailboxManager mailboxManager, SharedAccounts accounts) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
    }

    public void copyToSent(SharedMailbox sharedMailbox, byte[] message) throws MailboxException {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            mailboxManager.getMailbox(SharedAccounts.path(session, FolderName.SENT), session)
                .appendMessage(MessageManager.AppendCommand.builder()
                    .withFlags(new Flags(Flags.Flag.SEEN))
                    .build(message), session);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * Marks the answered message {@code \Answered}: the first message whose Message-ID is one of
     * {@code repliedMessageIds}, else the newest message of {@code ticket} (its {@code X-Ticket}).
     *
     * @return the message marked, if any was found
     */
    public Optional<Found> markAnswered(SharedMailbox sharedMailbox, List<String> repliedMessageIds,
                                        Optional<TicketId> ticket) throws MailboxException {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            List<MessageManager> folders = searchableFolders(session);
            Optional<Found> answered = Optional.empty();
            for (String messageId : repliedMessageIds) {
                answered = newestWithHeader(folders, MESSAGE_ID_HEADER, messageId, session);
                if (answered.isPresent()) {
                    break;
                }
            }
            if (answered.isEmpty() && ticket.isPresent()) {
                // Our own replies in Sent carry the ticket too (X-Ticket): the answered message is one we received.
                MailboxPath sent = SharedAccounts.path(session, FolderName.SENT);
                List<MessageManager> received = new ArrayList<>();
                for (MessageManager folder : folders) {
                    if (!folder.getMailboxPath().equals(sent)) {
                        received.add(folder);
                    }
                }
                answered = newestWithHeader(received, TicketHeader.NAME, ticket.get().toString(), session);
            }
            for (Found found : answered.stream().toList()) {
                mailboxManager.getMailbox(found.folder, session)
                    .setFlags(new Flags(Flags.Flag.ANSWERED), FlagsUpdateMode.ADD, MessageRange.one(found.uid), session);
            }
            return answered;
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Every folder of the shared account but the ticket registry, whose messages are bookkeeping, not mail. */
    private List<MessageManager> searchableFolders(MailboxSession session) throws MailboxException {
        MailboxPath registry = MailboxTicketRegistry.registryPath(session);
        List<MailboxPath> paths = SharedAccounts.ownFolders(mailboxManager, session).stream()
            .filter(path -> !path.equals(registry))
            .collect(Collectors.toList());
        List<MessageManager> folders = new ArrayList<>();
        for (MailboxPath path : paths) {
            folders.add(mailboxManager.getMailbox(path, session));
        }
        return folders;
    }

    /**
     * The mailbox layer's search only offers "header contains", so candidates are read back and
     * compared whole: {@code SUP-1} must not find {@code SUP-12}.
     */
    private Optional<Found> newestWithHeader(List<MessageManager> folders, String header, String value,
                                             MailboxSession session) throws MailboxException {
        List<Candidate> matches = new ArrayList<>();
        for (MessageManager folder : folders) {
            List<MessageUid> uids = Flux.from(folder.search(SearchQuery.of(SearchQuery.headerContains(header, value)), session))
                .collectList()
                .block();
            for (MessageUid uid : uids) {
                MessageResultIterator results = folder.getMessages(MessageRange.one(uid), FetchGroup.HEADERS, session);
                while (results.hasNext()) {
                    MessageResult result = results.next();
                    if (hasHeader(result, header, value)) {
                        matches.add(new Candidate(new Found(folder.getMailboxPath(), uid), result.getInternalDate().getTime()));
                    }
                }
            }
        }
        return matches.stream().max(Comparator.comparingLong(Candidate::arrival)).map(Candidate::found);
    }

    private static boolean hasHeader(MessageResult result, String name, String value) throws MailboxException {
        Iterator<Header> headers = result.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            if (header.getName().equalsIgnoreCase(name) && header.getValue().strip().equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private record Candidate(Found found, long arrival) {
    }
}
