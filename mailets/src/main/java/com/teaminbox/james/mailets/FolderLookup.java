package com.teaminbox.james.mailets;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxId;

/** What {@link AppendOnce} reads in the folder a mail is delivered to, to tell whether an attempt stored it. */
interface FolderLookup {
    /**
     * Where an attempt that began at {@code at} can have stored its message: at {@code uid} or above,
     * with an internal date not before {@code at}; when {@code folder} is known and the folder found
     * is another one (deleted and created again since), anywhere in it.
     */
    record StoredSince(Optional<MailboxId> folder, MessageUid uid, Instant at) {
    }

    /**
     * The UID the folder's next message will get ({@link MessageUid#MIN_VALUE} while the folder does
     * not exist); empty when the folder cannot be read, and then nothing can be checked.
     */
    Optional<MessageUid> nextUid(Username owner, String folder);

    /** A message of the folder stored since {@code since} whose Message-ID is {@code messageId}. */
    Optional<ComposedMessageId> find(Username owner, String folder, StoredSince since, String messageId);
}
