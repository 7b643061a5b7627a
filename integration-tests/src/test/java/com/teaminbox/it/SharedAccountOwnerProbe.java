package com.teaminbox.it;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * The shared account's owner acting on its folders through James's mailbox API, outside the
 * members' gateway: what its own IMAP login (RENAME, SETACL, CREATE), WebAdmin or another node
 * would do. Each call opens the owner's own session, as a login would.
 */
public class SharedAccountOwnerProbe implements GuiceProbe {
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(SharedAccountOwnerProbe.class);
        }
    };

    private final MailboxManager mailboxManager;

    @Inject
    public SharedAccountOwnerProbe(MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    public void rename(String account, String from, String to) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(account));
        mailboxManager.renameMailbox(MailboxPath.forUser(session.getUser(), from), MailboxPath.forUser(session.getUser(), to), session);
    }

    public void create(String account, String folder) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(account));
        mailboxManager.createMailbox(MailboxPath.forUser(session.getUser(), folder), session);
    }

    /** {@code SETACL folder user rights} as RFC 4314 writes it: {@code -lr} removes, {@code +i} adds, {@code lrs} replaces. */
    public void setAcl(String account, String folder, String user, String rights) throws Exception {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(account));
        MailboxACL.EditMode mode = rights.startsWith("-") ? MailboxACL.EditMode.REMOVE
            : rights.startsWith("+") ? MailboxACL.EditMode.ADD : MailboxACL.EditMode.REPLACE;
        MailboxACL.ACLCommand command = MailboxACL.command().forUser(Username.of(user))
            .rights(MailboxACL.Rfc4314Rights.fromSerializedRfc4314Rights(rights.replaceFirst("^[-+]", "")))
            .mode(mode)
            .build();
        mailboxManager.applyRightsCommand(MailboxPath.forUser(session.getUser(), folder), command, session);
    }
}
