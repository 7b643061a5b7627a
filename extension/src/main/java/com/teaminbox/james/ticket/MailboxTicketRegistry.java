package com.teaminbox.james.ticket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.Flags;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.AppendCommand;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.store.TicketRegistry;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;

import reactor.core.publisher.Flux;

/**
 * Ticket numbers are IMAP UIDs. Each ticket is one small message appended to the shared
 * account's {@value #REGISTRY_FOLDER} folder, and the UID the mailbox layer gives it is the
 * ticket number.
 *
 * <p>Why: James 3.8.1 has no cluster-wide counter, but every mailbox backend must hand out
 * strictly increasing, never reused UIDs per mailbox under concurrent appends (memory: an atomic
 * counter; Cassandra: a lightweight transaction). So numbers are unique across nodes without a
 * JVM counter or a local file, and the folder doubles as an index of tickets (one entry per
 * ticket, with the Message-ID that opened it).
 *
 * <p>Caveat for operators: deleting and recreating the registry folder restarts the UIDs,
 * hence the numbers; back it up with the rest of the account.
 */
public class MailboxTicketRegistry implements TicketRegistry {
    public static final String REGISTRY_FOLDER = "Ticket Registry";
    public static final String ORIGIN_MESSAGE_ID_HEADER = "X-Ticket-Origin-Message-Id";

    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final KnownMessageIds knownMessageIds;

    @Inject
    public MailboxTicketRegistry(MailboxManager mailboxManager, SharedAccounts accounts, KnownMessageIds knownMessageIds) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.knownMessageIds = knownMessageIds;
    }

    public static MailboxPath registryPath(MailboxSession session) {
        return MailboxPath.forUser(session.getUser(), REGISTRY_FOLDER);
    }

    @Override
    public TicketId open(SharedMailbox sharedMailbox, String subject, Optional<String> originMessageId) {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager registry = registry(session);
            Optional<MessageUid> alreadyOpened = openedBy(registry, session, sharedMailbox, originMessageId);
            if (alreadyOpened.isPresent()) {
                return TicketId.of(sharedMailbox.ticketPrefix(), alreadyOpened.get().asLong());
            }
            MessageManager.AppendResult appended = registry.appendMessage(AppendCommand.builder()
                .withFlags(new Flags(Flags.Flag.SEEN))
                .build(entry(sharedMailbox, subject, originMessageId)), session);
            originMessageId.ifPresent(id -> knownMessageIds.remember(KnownMessageIds.Fact.OPENED_TICKET, sharedMailbox, id));
            return TicketId.of(sharedMailbox.ticketPrefix(), appended.getId().getUid().asLong());
        } catch (MailboxException | MessagingException | IOException e) {
            throw new TicketRegistryException("Could not open a ticket in " + owner.asString() + "'s " + REGISTRY_FOLDER, e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    @Override
    public boolean isIssued(SharedMailbox sharedMailbox, TicketId ticket) {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager registry = registry(session);
            return registry.getMessages(MessageRange.one(MessageUid.of(ticket.number())), FetchGroup.MINIMAL, session).hasNext();
        } catch (MailboxException e) {
            throw new TicketRegistryException("Could not read " + owner.asString() + "'s " + REGISTRY_FOLDER, e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * The entry a mail with this Message-ID opened, if any. A search in the registry folder (indexed
     * on distributed James, a scan of the folder on the memory backend), run only when
     * {@link KnownMessageIds} remembers the identifier: a retry or a resent mail, not the usual
     * new mail. The entry is written before the identifier is remembered, so a crash between the
     * two can at worst open a second ticket for a resent mail, never lose one.
     */
    private Optional<MessageUid> openedBy(MessageManager registry, MailboxSession session, SharedMailbox sharedMailbox,
                                          Optional<String> originMessageId) throws MailboxException {
        if (originMessageId.isEmpty()
            || !knownMessageIds.isKnown(KnownMessageIds.Fact.OPENED_TICKET, sharedMailbox, originMessageId.get())) {
            return Optional.empty();
        }
        SearchQuery query = SearchQuery.of(SearchQuery.headerContains(ORIGIN_MESSAGE_ID_HEADER,
            TicketSubjects.singleLine(originMessageId.get())));
        return Flux.from(registry.search(query, session)).next().blockOptional();
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

    private static byte[] entry(SharedMailbox sharedMailbox, String subject, Optional<String> originMessageId)
        throws MessagingException, IOException {
        MimeMessage entry = new MimeMessage(MailSession.SHARED);
        entry.setFrom(new InternetAddress(sharedMailbox.address().asString()));
        entry.setRecipients(Message.RecipientType.TO, sharedMailbox.address().asString());
        entry.setSubject(TicketSubjects.singleLine(subject), StandardCharsets.UTF_8.name());
        MessageHeaders.setDate(entry, Instant.now());
        if (originMessageId.isPresent()) {
            entry.setHeader(ORIGIN_MESSAGE_ID_HEADER, TicketSubjects.singleLine(originMessageId.get()));
        }
        entry.setText("Ticket registry entry of " + sharedMailbox.address().asString()
            + ". The IMAP UID of this message is the ticket number.\r\n", StandardCharsets.UTF_8.name());
        entry.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        entry.writeTo(bytes);
        return bytes.toByteArray();
    }
}
