package com.teaminbox.james.provisioning;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.user.api.AlreadyExistInUsersRepositoryException;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.api.model.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.access.FolderAclCache;
import com.teaminbox.james.access.MemberAcl;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.common.SharedFolders;
import com.teaminbox.james.ticket.KnownMessageIdsBackfill;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Makes one shared mailbox exist in James: its account, its folders, and the members' rights
 * on them (ACL entries).
 * Idempotent, and safe when two nodes run it at once: every step checks, then tolerates
 * "already there" from a concurrent run.
 */
public class SharedMailboxProvisioner {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedMailboxProvisioner.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UsersRepository usersRepository;
    private final MailboxManager mailboxManager;
    private final DelegationStore delegationStore;
    private final SharedAccounts accounts;
    private final KnownMessageIdsBackfill knownMessageIdsBackfill;
    private final FolderAclCache aclCache;

    @Inject
    public SharedMailboxProvisioner(UsersRepository usersRepository, MailboxManager mailboxManager,
                                    DelegationStore delegationStore, SharedAccounts accounts,
                                    KnownMessageIdsBackfill knownMessageIdsBackfill, FolderAclCache aclCache) {
        this.usersRepository = usersRepository;
        this.mailboxManager = mailboxManager;
        this.delegationStore = delegationStore;
        this.accounts = accounts;
        this.knownMessageIdsBackfill = knownMessageIdsBackfill;
        this.aclCache = aclCache;
    }

    public void provision(SharedMailbox sharedMailbox) throws UsersRepositoryException, MailboxException {
        Username owner = accounts.username(sharedMailbox.address());
        ensureAccountWithUnusablePassword(owner);
        ensureFolders(owner, sharedMailbox);
        reconcileAcls(owner, sharedMailbox);
        removeDelegations(owner);
        knownMessageIdsBackfill.backfill(sharedMailbox);
        LOGGER.info("Provisioned shared mailbox {} ({} folders, {} members)", owner.asString(),
            sharedMailbox.folders().size(), sharedMailbox.members().size());
    }

    /**
     * The shared account's own password is a random secret nobody ever sees, replaced at every
     * start: members get in with their own credentials, so a password leaked from an old setup
     * cannot open the team's mail.
     */
    private void ensureAccountWithUnusablePassword(Username owner) throws UsersRepositoryException {
        if (!usersRepository.contains(owner)) {
            try {
                usersRepository.addUser(owner, unusablePassword());
                LOGGER.info("Created account {} for its shared mailbox", owner.asString());
                return;
            } catch (AlreadyExistInUsersRepositoryException e) {
                LOGGER.debug("Account {} was created concurrently", owner.asString());
            }
        }
        User user = usersRepository.getUserByName(owner);
        user.setPassword(unusablePassword());
        usersRepository.updateUser(user);
    }

    private void ensureFolders(Username owner, SharedMailbox sharedMailbox) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            for (FolderName folder : sharedMailbox.folders()) {
                SharedFolders.ensureExists(mailboxManager, session, SharedAccounts.path(session, folder));
            }
            SharedFolders.ensureExists(mailboxManager, session, MailboxTicketRegistry.registryPath(session));
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * Every folder of the shared account gets exactly the members' role rights, per-folder roles
     * included (the hidden
     * ticket registry gets none), replacing whatever ACL it had: members added gain rights,
     * removed ones lose them. Each folder's ACL is replaced whole, so a failure half-way leaves
     * folders with either the old or the new ACL, never a mix.
     */
    private void reconcileAcls(Username owner, SharedMailbox sharedMailbox) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            MailboxPath registry = MailboxTicketRegistry.registryPath(session);
            for (MailboxPath folder : SharedAccounts.ownFolders(mailboxManager, session)) {
                MailboxACL wanted = folder.equals(registry) ? MailboxACL.EMPTY : MemberAcl.of(sharedMailbox, folder, accounts);
                if (!wanted.equals(mailboxManager.listRights(folder, session))) {
                    mailboxManager.setRights(folder, wanted, session);
                    LOGGER.info("Set ACL of folder {} of {} to {}", folder.getName(), owner.asString(), wanted);
                }
            }
        } finally {
            // open member sessions read the new ACLs (an upgrade) at their next command
            aclCache.invalidate();
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * James's delegation would give a member the owner's full rights; members get in through our
     * own login instead (see the IMAP package), so any delegation of a shared account, granted by
     * hand or left by an older version, is removed.
     */
    private void removeDelegations(Username owner) {
        List<Username> delegated = Flux.from(delegationStore.authorizedUsers(owner)).collectList().block();
        for (Username user : delegated) {
            Mono.from(delegationStore.removeAuthorizedUser(owner, user)).block();
            LOGGER.info("Removed delegation of {} to {}: members use their own login", owner.asString(), user.asString());
        }
    }

    private static String unusablePassword() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
