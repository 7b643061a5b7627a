package com.teaminbox.james.imap;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;

/**
 * An IMAP session in which {@code member} works in the shared mailbox {@code sharedMailbox}: James
 * sees the shared account as the session user, the member as the logged-in user.
 */
public record MemberSession(MailAddress sharedMailbox, MailAddress member, Username memberUsername,
                            MailboxSession mailboxSession) {
}
