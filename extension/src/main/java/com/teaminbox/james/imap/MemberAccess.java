package com.teaminbox.james.imap;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.main.PathConverter;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.access.FolderAclCache;
import com.teaminbox.james.access.MemberAcl;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * What a member may do in the shared mailbox she works in, as things are at every command: the
 * configuration in force says whether she is still a member, the folder's ACL (reconciled by
 * provisioning) says which rights she holds there. James itself cannot tell: the session user is
 * the shared account, its owner. A session keeps what its commands decided while the
 * configuration and the node's ACLs stay the same ({@link SessionDecisions}).
 */
public class MemberAccess {
    /** Marks the mailbox sessions {@link MemberLogin} opens. */
    static final String MEMBER_SESSION_ATTRIBUTE = "com.teaminbox.memberSession";
    private static final String NO_PERMISSION_KEY = "com.teaminbox.NOPERM";
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberAccess.class);
    private static final SecureRandom SESSION_IDS = new SecureRandom();

    private final ConfigurationInForce configurationStore;
    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;
    private final MemberAudit audit;
    private final FolderAclCache aclCache;

    @Inject
    public MemberAccess(ConfigurationInForce configurationStore, MailboxManager mailboxManager, SharedAccounts accounts,
                        MemberAudit audit, FolderAclCache aclCache) {
        this.configurationStore = configurationStore;
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
        this.audit = audit;
        this.aclCache = aclCache;
    }

    /** Called after a member's command changed a folder's ACL, name or existence. */
    public void foldersChanged() {
        aclCache.invalidate();
    }

    /**
     * Present when a member works in a shared mailbox: a session opened by our login (even if the
     * shared mailbox has since left the configuration, so that it then gets no rights rather
     * than the owner's), or a James delegation of an account the configuration declares shared.
     * Empty for anyone in her own mailbox.
     */
    public Optional<MemberSession> memberSession(ImapSession session) {
        if (session instanceof SharedFolderView) {
            return Optional.of(((SharedFolderView) session).member());
        }
        MailboxSession mailboxSession = session.getMailboxSession();
        if (mailboxSession == null) {
            return Optional.empty();
        }
        Username user = mailboxSession.getUser();
        Optional<Username> loggedIn = mailboxSession.getLoggedInUser().filter(other -> !other.equals(user));
        if (loggedIn.isEmpty()) {
            return Optional.empty();
        }
        SharedMailboxesConfiguration configuration = configurationStore.current();
        SessionDecisions decisions = SessionDecisions.of(mailboxSession);
        Optional<Optional<MemberSession>> decided = decisions.member(configuration);
        if (decided.isPresent()) {
            return decided.get();
        }
        boolean openedByMemberLogin = mailboxSession.getAttributes().containsKey(MEMBER_SESSION_ATTRIBUTE);
        Optional<MailAddress> shared = address(user)
            .filter(address -> openedByMemberLogin || configuration.isSharedMailbox(address));
        Optional<MailAddress> member = address(loggedIn.get());
        Optional<MemberSession> memberSession = shared.isEmpty() || member.isEmpty()
            ? Optional.empty()
            : Optional.of(new MemberSession(shared.get(), member.get(), loggedIn.get(), mailboxSession));
        decisions.rememberMember(configuration, memberSession);
        return memberSession;
    }

    /**
     * The mailbox session in which {@code member} works in the shared account: James sees the
     * account as its user (its owner) and the member as the logged-in user, marked as ours.
     */
    static MailboxSession openMemberSession(Username sharedAccount, Username member) {
        MailboxSession session = new MailboxSession(MailboxSession.SessionId.of(SESSION_IDS.nextLong()), sharedAccount,
            Optional.of(member), List.of(), MailboxConstants.DEFAULT_DELIMITER, MailboxSession.SessionType.User);
        session.getAttributes().put(MEMBER_SESSION_ATTRIBUTE, member.asString());
        return session;
    }

    /**
     * The member as the configuration in force declares her; empty once she (or the shared mailbox)
     * has left it. Asked by every command (the guard, the rights), so the answer is kept in the
     * session for the configuration it was read from ({@link SessionDecisions}): a reload that
     * removes her is a new configuration, and the session's next command asks it afresh.
     */
    public Optional<Member> configuredMember(MemberSession member) {
        SharedMailboxesConfiguration configuration = configurationStore.current();
        SessionDecisions decisions = SessionDecisions.of(member.mailboxSession());
        Optional<Optional<Member>> known = decisions.configuredMember(configuration);
        if (known.isPresent()) {
            return known.get();
        }
        Optional<Member> configured = configuration.find(member.sharedMailbox())
            .flatMap(sharedMailbox -> sharedMailbox.member(member.member()));
        decisions.rememberConfiguredMember(configuration, configured);
        return configured;
    }

    /**
     * The member's rights on a folder as they are now: her ACL entry (cached, see
     * {@link FolderAclCache}) within what the configuration in force gives her role there, so that
     * a removal or a downgrade applies at once, before provisioning has rewritten the ACLs. Empty
     * when the folder does not exist.
     */
    public Optional<Rights> rightsOn(MemberSession member, MailboxPath folder) throws MailboxException {
        SessionDecisions decisions = SessionDecisions.of(member.mailboxSession());
        SessionDecisions.Stamp now = stamp();
        Optional<Rights> decided = decisions.rights(now, folder);
        if (decided.isPresent()) {
            return decided;
        }
        try {
            MailboxACL acl = aclCache.acl(folder, () -> {
                MessageManager read = mailboxManager.getMailbox(folder, member.mailboxSession());
                return new FolderAclCache.Folder(read.getId(), read.getMailboxEntity().getACL());
            });
            Rights rights = rightsWithin(member, folder, acl);
            decisions.rememberRights(now, folder, rights);
            return Optional.of(rights);
        } catch (MailboxNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Taken before the configuration and the ACL are read: what is decided from them stands while it does. */
    SessionDecisions.Stamp stamp() {
        return new SessionDecisions.Stamp(configurationStore.current(), aclCache.generation());
    }

    /** Her rights on the folder as this session last decided them, if they still stand: no storage read, no thread hop. */
    Optional<Rights> decidedRights(MemberSession member, MailboxPath folder) {
        SessionDecisions decisions = SessionDecisions.of(member.mailboxSession());
        SessionDecisions.Stamp now = stamp();
        Optional<Rights> decided = decisions.rights(now, folder);
        if (decided.isPresent()) {
            return decided;
        }
        return aclCache.cached(folder).map(acl -> {
            Rights rights = rightsWithin(member, folder, acl);
            decisions.rememberRights(now, folder, rights);
            return rights;
        });
    }

    private Rights rightsWithin(MemberSession member, MailboxPath folder, MailboxACL acl) {
        Optional<Member> configured = configuredMember(member);
        if (configured.isEmpty()) {
            return Rights.NONE;
        }
        Rights fromAcl = Optional.ofNullable(acl.getEntries().get(MailboxACL.EntryKey.createUserEntryKey(member.memberUsername())))
            .map(rights -> Rights.parse(rights.serialize()))
            .orElse(Rights.NONE);
        Rights fromRole = MemberAcl.roleOn(configured.get(), folder).map(Rights::of).orElse(Rights.NONE);
        return fromAcl.intersection(fromRole);
    }

    /**
     * Emits true, after logging the decision, when the session is a member's and she lacks one of
     * {@code required} on {@code folder}. A folder whose rights cannot be read is refused.
     * Reading an ACL may block (the memory backend blocks internally), hence the elastic scheduler:
     * a pipelined command may be processed on one of Reactor's non-blocking threads.
     */
    public Mono<Boolean> refuses(ImapSession session, String command, Optional<MailboxPath> folder, Rights required) {
        return lacks(session, command, folder, required, MemberAudit.Decision.COMMAND_REFUSED);
    }

    /**
     * Like {@link #refuses}, for a command that still runs in a narrower form when the right is
     * missing (SELECT read-only, FETCH without setting {@code \Seen}, CLOSE without expunging).
     */
    public Mono<Boolean> restricts(ImapSession session, String command, Optional<MailboxPath> folder, Rights required) {
        return lacks(session, command, folder, required, MemberAudit.Decision.COMMAND_RESTRICTED);
    }

    private Mono<Boolean> lacks(ImapSession session, String command, Optional<MailboxPath> folder, Rights required,
                                MemberAudit.Decision decision) {
        Optional<MemberSession> member = memberSession(session);
        if (member.isEmpty() || folder.isEmpty() || required.isEmpty() || !inAccount(member.get(), folder.get())) {
            // a person in her own mailbox, or her own folder on the other side of a COPY or MOVE:
            // James's own checks apply, no thread hop needed
            return Mono.just(false);
        }
        if (decidedRights(member.get(), folder.get()).isPresent()) {
            return Mono.fromCallable(() -> lacks(member.get(), command, folder.get(), required, decision));
        }
        return Mono.fromCallable(() -> lacks(member.get(), command, folder.get(), required, decision))
            .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The tagged {@code NO [NOPERM]} of RFC 4314 section 4. James 3.8.1 cannot build a NOPERM
     * response code, but it writes the text right after {@code NO} when the command is left out.
     */
    public static Mono<Void> refuse(ImapProcessor.Responder responder, StatusResponseFactory factory, ImapRequest request) {
        HumanReadableText text = new HumanReadableText(NO_PERMISSION_KEY,
            "[NOPERM] " + request.getCommand().getName() + " is not allowed by your role in this shared mailbox.");
        return Mono.fromRunnable(() -> responder.respond(factory.taggedNo(request.getTag(), null, text)));
    }

    /**
     * Records a member's action, then runs it. When the trail cannot take the record and the
     * failure policy is {@code defer}, the member gets {@code NO [UNAVAILABLE]} and nothing happens:
     * no change goes unaudited. A person in her own mailbox is not audited.
     *
     * <p>Both run on the thread James runs the command on (in James 3.8.1 the IMAP server's
     * {@code imapserver-io} threads, where James's own FETCH reads the memory backend too): the
     * record is a write of one line by this thread while the trail's writer sleeps, or a wait for
     * the group being written, as long as one write (docs/audit.md, group commit; no fsync).
     * Recording on a {@code boundedElastic} thread moved the whole command there, FETCH and its
     * responses included, each written back through a task for the session's I/O thread: two hops
     * and two wake-ups for every audited command of a poll that found new mail (issue 18). Only
     * while the trail is in an outage does the command go there again: a record may then wait for
     * the audit directory to be opened again and for an alert mail, which must not stall the other
     * sessions of James's I/O thread.
     */
    public Mono<Void> recordThen(ImapSession session, ImapRequest request, ImapProcessor.Responder responder,
                                 StatusResponseFactory factory, MemberAction action, Supplier<Mono<Void>> command) {
        Optional<MemberSession> member = memberSession(session);
        if (member.isEmpty() || action.folder().isEmpty()) {
            return command.get();
        }
        Mono<Void> recordedThenRun = Mono.defer(() -> {
            try {
                audit.action(member.get(), action.type(), action.command(), label(member.get(), action.folder().get()), action.details());
            } catch (AuditUnavailableException e) {
                return unavailable(responder, factory, request);
            }
            return command.get();
        });
        return Mono.defer(() -> audit.trailInOutage() ? recordedThenRun.subscribeOn(Schedulers.boundedElastic()) : recordedThenRun);
    }

    /** The tagged {@code NO [UNAVAILABLE]} of RFC 5530: the client may retry later. */
    private static Mono<Void> unavailable(ImapProcessor.Responder responder, StatusResponseFactory factory, ImapRequest request) {
        return Mono.fromRunnable(() -> responder.respond(factory.taggedNo(request.getTag(), null, MemberAudit.UNAVAILABLE)));
    }

    /**
     * {@link #rightsOn}: at once from the cache, else off the event loop, for the same reason as
     * {@link #refuses}.
     */
    public Mono<Optional<Rights>> rightsOnReactive(MemberSession member, MailboxPath folder) {
        Optional<Rights> decided = decidedRights(member, folder);
        if (decided.isPresent()) {
            return Mono.just(decided);
        }
        return Mono.fromCallable(() -> rightsOn(member, folder)).subscribeOn(Schedulers.boundedElastic());
    }

    private boolean lacks(MemberSession member, String command, MailboxPath folder, Rights required, MemberAudit.Decision decision) {
        try {
            Optional<Rights> held = rightsOn(member, folder);
            if (held.isEmpty()) {
                return false;
            }
            Rights missing = held.get().missing(required);
            if (missing.isEmpty()) {
                return false;
            }
            audit.command(decision, command, member, folder.getName(), "missing rights " + missing.letters());
            return true;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot read the rights of {} on {}; refusing {}", member.member().asString(), folder, command, e);
            audit.command(decision, command, member, folder.getName(), "rights unreadable");
            return true;
        }
    }

    /** The member's rights on each folder of the shared account, by folder name; folders whose rights cannot be read are left out. */
    public Map<String, Rights> rightsByFolderName(MemberSession member) throws MailboxException {
        Username owner = member.mailboxSession().getUser();
        Map<String, Rights> rights = new HashMap<>();
        for (MailboxPath folder : mailboxManager.list(member.mailboxSession())) {
            if (folder.getUser().equals(owner)) {
                rightsOn(member, folder).ifPresent(held -> rights.put(folder.getName(), held));
            }
        }
        return rights;
    }

    /** Whether {@code folder} is one of the shared account's, as opposed to the member's own or another account's. */
    public static boolean inAccount(MemberSession member, MailboxPath folder) {
        return folder.getUser().equals(member.mailboxSession().getUser());
    }

    /**
     * A folder as the audit trail names it: its name in the shared mailbox, or, on the other side
     * of a COPY or MOVE through the shared namespace, its owner and name ({@code alice@example.test/INBOX}).
     */
    public static String label(MemberSession member, MailboxPath folder) {
        return inAccount(member, folder) ? folder.getName() : folder.getUser().asString() + "/" + folder.getName();
    }

    /**
     * The selected folder under its current name, read by its mailbox id, or empty when none is
     * selected or it no longer exists. James 3.8.1 keeps the folder as it was at SELECT
     * ({@code SelectedMailbox#getMessageManager()}), so a rename by the shared account's own login,
     * WebAdmin or another node would leave a session deciding on the old name (and the ACL and
     * per-folder role of whatever folder now has it). The name is kept per node until a change
     * ({@link FolderAclCache#knownPath}): the guard reads it off the IMAP thread before deciding
     * ({@link #currentSelectedFolder}), so the read here is only for a change in between.
     */
    public Optional<MailboxPath> selectedFolder(ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        if (selected == null) {
            return Optional.empty();
        }
        Optional<MailboxPath> known = aclCache.knownPath(selected.getMailboxId());
        if (known.isPresent()) {
            return known;
        }
        // the owner cannot change in a rename (James renames within the session user's folders)
        Username owner = selected.getMessageManager().getMailboxPath().getUser();
        MailboxSession system = mailboxManager.createSystemSession(owner);
        try {
            return Optional.of(aclCache.path(selected.getMailboxId(),
                () -> mailboxManager.getMailbox(selected.getMailboxId(), system).getMailboxPath()));
        } catch (MailboxNotFoundException e) {
            return Optional.empty();
        } catch (MailboxException e) {
            throw new IllegalStateException("Cannot read the current name of the selected folder " + selected.getMailboxId().serialize(), e);
        } finally {
            mailboxManager.endProcessingRequest(system);
        }
    }

    /**
     * The selected folder's name for a record or a message, never read from storage and never
     * throwing: its current name if known, else the name it had at SELECT (kept by James).
     */
    public Optional<MailboxPath> selectedFolderName(ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        if (selected == null) {
            return Optional.empty();
        }
        try {
            Optional<MailboxPath> known = aclCache.knownPath(selected.getMailboxId());
            return known.isPresent() ? known : Optional.of(selected.getMessageManager().getMailboxPath());
        } catch (RuntimeException e) {
            LOGGER.debug("Cannot name the selected folder", e);
            return Optional.empty();
        }
    }

    /** The selected folder's current name if known without a storage read: the guard's path for a polling client's command. */
    Optional<MailboxPath> knownSelectedFolder(ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        return selected == null ? Optional.empty() : aclCache.knownPath(selected.getMailboxId());
    }

    /** {@link #selectedFolder}, off the IMAP thread when it must be read. */
    public Mono<Optional<MailboxPath>> currentSelectedFolder(ImapSession session) {
        SelectedMailbox selected = session.getSelected();
        if (selected == null) {
            return Mono.just(Optional.empty());
        }
        Optional<MailboxPath> known = aclCache.knownPath(selected.getMailboxId());
        if (known.isPresent()) {
            return Mono.just(known);
        }
        return Mono.fromCallable(() -> selectedFolder(session)).subscribeOn(Schedulers.boundedElastic());
    }

    public static MailboxPath folder(ImapSession session, String mailboxName) {
        return PathConverter.forSession(session).buildFullPath(mailboxName);
    }

    /**
     * Where James would create {@code folder}: it creates missing parents on the way, so the right
     * counts on the nearest ancestor that exists; INBOX stands for the top level.
     */
    public Mono<MailboxPath> nearestExistingParent(MailboxPath folder, ImapSession session) {
        char delimiter = session.getMailboxSession().getPathDelimiter();
        List<MailboxPath> ancestors = new ArrayList<>(folder.getHierarchyLevels(delimiter));
        ancestors.remove(folder);
        Collections.reverse(ancestors);
        return Flux.fromIterable(ancestors)
            .concatMap(ancestor -> Mono.from(mailboxManager.mailboxExists(ancestor, session.getMailboxSession()))
                .filter(Boolean::booleanValue)
                .map(exists -> ancestor))
            .next()
            .defaultIfEmpty(MailboxPath.inbox(folder.getUser()))
            .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * True when a per-folder role of the configuration governs the folder, a parent of it or a
     * folder inside it: roles follow folder names, so renaming it would carry mail out of the
     * role's reach at once and, after provisioning, for good.
     */
    public boolean governedByFolderRole(MemberSession member, MailboxPath folder) {
        Optional<FolderName> name = MemberAcl.folderName(folder);
        return name.isPresent() && configurationStore.current().find(member.sharedMailbox())
            .map(sharedMailbox -> sharedMailbox.members().stream().anyMatch(other -> other.isGovernedByFolderRole(name.get())))
            .orElse(false);
    }

    /** Records a refusal decided outside the rights table; best-effort like every refusal. */
    public void recordRefusal(MemberSession member, String command, MailboxPath folder, String reason) {
        audit.command(MemberAudit.Decision.COMMAND_REFUSED, command, member, folder.getName(), reason);
    }

    public Mono<Boolean> exists(MailboxPath folder, ImapSession session) {
        return Mono.from(mailboxManager.mailboxExists(folder, session.getMailboxSession())).subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * The folders a member's CREATE just made get the members' rights, as provisioning gives every
     * other folder (never the hidden ticket registry). Only folders the CREATE made are passed here:
     * a folder that already existed keeps its ACL, so that a CREATE cannot widen anyone's rights.
     */
    public void grantMembers(MemberSession member, List<MailboxPath> created) {
        Optional<SharedMailbox> sharedMailbox = configurationStore.current().find(member.sharedMailbox());
        if (sharedMailbox.isEmpty()) {
            return;
        }
        MailboxPath registry = MailboxTicketRegistry.registryPath(member.mailboxSession());
        for (MailboxPath folder : created) {
            if (folder.equals(registry)) {
                continue;
            }
            try {
                mailboxManager.setRights(folder, MemberAcl.of(sharedMailbox.get(), folder, accounts), member.mailboxSession());
            } catch (MailboxNotFoundException e) {
                LOGGER.debug("Folder {} was not created; no rights to give", folder);
            } catch (MailboxException e) {
                LOGGER.warn("Cannot give the members of {} their rights on new folder {}", member.sharedMailbox().asString(), folder, e);
            }
        }
        aclCache.invalidate();
    }

    private static Optional<MailAddress> address(Username username) {
        try {
            return Optional.of(username.asMailAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
