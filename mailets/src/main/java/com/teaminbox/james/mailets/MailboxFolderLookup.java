package com.teaminbox.james.mailets;

import java.util.Date;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link FolderLookup} through James's mailbox layer, with the folder named as LocalDelivery names it. */
final class MailboxFolderLookup implements FolderLookup {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxFolderLookup.class);
    private static final String MESSAGE_ID = "message-id";

    private final MailboxManager mailboxManager;

    MailboxFolderLookup(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public Optional<MessageUid> nextUid(Username owner, String folder) {
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager mailbox = mailboxManager.getMailbox(path(session, folder), session);
            return Optional.of(mailbox.getMetaData(MailboxMetaData.RecentMode.IGNORE, session, EnumSet.of(MailboxMetaData.Item.NextUid))
                .getUidNext());
        } catch (MailboxNotFoundException e) {
            // The first delivery creates it: whatever it holds then arrived since.
            return Optional.of(MessageUid.MIN_VALUE);
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot read the next UID of {} of {}; a retried delivery there may store twice: {}", folder, owner.asString(), e.toString());
            return Optional.empty();
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    @Override
    public Optional<ComposedMessageId> find(Username owner, String folder, StoredSince since, String messageId) {
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MessageManager mailbox = mailboxManager.getMailbox(path(session, folder), session);
            // A folder deleted and created again since: its UIDs started again at 1.
            MessageUid from = since.folder().filter(known -> !known.equals(mailbox.getId())).isPresent() ? MessageUid.MIN_VALUE : since.uid();
            Date notBefore = Date.from(since.at());
            MessageResultIterator results = mailbox.getMessages(MessageRange.from(from), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                if (!result.getInternalDate().before(notBefore) && hasMessageId(result, messageId)) {
                    return Optional.of(new ComposedMessageId(result.getMailboxId(), result.getMessageId(), result.getUid()));
                }
            }
            return Optional.empty();
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot look for {} in {} of {}; storing it again: {}", messageId, folder, owner.asString(), e.toString());
            return Optional.empty();
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private static boolean hasMessageId(MessageResult result, String messageId) throws MailboxException {
        for (Iterator<Header> headers = result.getHeaders().headers(); headers.hasNext(); ) {
            Header header = headers.next();
            if (header.getName().toLowerCase(Locale.ROOT).equals(MESSAGE_ID) && header.getValue().strip().equals(messageId)) {
                return true;
            }
        }
        return false;
    }

    /** As James's MailboxAppenderImpl: '/' stands for the session's delimiter, and a leading one is dropped. */
    private static MailboxPath path(MailboxSession session, String folder) {
        String name = folder.replace('/', session.getPathDelimiter());
        if (!name.isEmpty() && name.charAt(0) == session.getPathDelimiter()) {
            name = name.substring(1);
        }
        return MailboxPath.forUser(session.getUser(), name);
    }
}
