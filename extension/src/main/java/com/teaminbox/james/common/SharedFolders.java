package com.teaminbox.james.common;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * Creates a folder of an account if it is missing. Several features create folders of a shared
 * account (provisioning, retention's archives) and another node may create the same folder at
 * the same moment: losing that race is success, not an error.
 */
public final class SharedFolders {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedFolders.class);

    private SharedFolders() {
    }

    /** @return whether this call created the folder (false when it existed, or another node created it first) */
    public static boolean ensureExists(MailboxManager mailboxManager, MailboxSession session, MailboxPath path) throws MailboxException {
        if (Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(path, session)).block())) {
            return false;
        }
        try {
            mailboxManager.createMailbox(path, session);
            LOGGER.info("Created folder {} of {}", path.getName(), path.getUser().asString());
            return true;
        } catch (MailboxExistsException e) {
            LOGGER.debug("Folder {} of {} was created concurrently", path.getName(), path.getUser().asString());
            return false;
        }
    }
}
