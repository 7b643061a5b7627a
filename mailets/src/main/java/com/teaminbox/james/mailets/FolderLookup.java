package com.teaminbox.james.mailets;

import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;

/** What {@link AppendOnce} reads in the folder a mail is delivered to, to tell whether an attempt stored it. */
interface FolderLookup {
    /**
     * The UID the folder's next message will get ({@link MessageUid#MIN_VALUE} while the folder does
     * not exist); empty when the folder cannot be read, and then nothing can be checked.
     */
    Optional<MessageUid> nextUid(Username owner, String folder);

    /** A message of the folder, at UID {@code from} or above, whose Message-ID is {@code messageId}. */
    Optional<ComposedMessageId> find(Username owner, String folder, MessageUid from, String messageId);
}
