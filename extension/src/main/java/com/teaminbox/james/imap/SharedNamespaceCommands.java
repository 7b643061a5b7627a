package com.teaminbox.james.imap;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxType;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.AbstractMessageRangeRequest;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.request.LsubRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.message.request.NamespaceRequest;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.message.request.SubscribeRequest;
import org.apache.james.imap.message.request.UnsubscribeRequest;
import org.apache.james.imap.message.request.XListRequest;
import org.apache.james.imap.message.response.AbstractListingResponse;
import org.apache.james.imap.message.response.LSubResponse;
import org.apache.james.imap.message.response.ListResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.message.response.NamespaceResponse;
import org.apache.james.imap.message.response.XListResponse;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.access.SharedNamespace;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.common.SharedAccounts;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The shared mailboxes a member belongs to, inside her own account (RFC 2342 shared namespace):
 * {@code Shared.support.INBOX} is {@code support@example.test}'s INBOX. James 3.8.1 resolves every
 * folder name in the session user's account ({@code PathConverter} refuses any other namespace),
 * so a command naming a shared folder is rebuilt with the folder's name there and run through a
 * {@link SharedFolderView} of her session in that account: the {@link MemberCommandGuard}, the
 * rights table, the member processors and the audit then apply exactly as for the combined login.
 * Commands on a selected shared folder (FETCH, STORE, IDLE...) run in its view too.
 *
 * <p>Her own folders, NAMESPACE, LIST and LSUB stay James's, with the shared entries added or
 * filtered here; SUBSCRIBE and UNSUBSCRIBE stay in her own subscription list, so subscriptions to
 * shared folders are hers alone. COPY and MOVE between her folders and a shared mailbox's run in
 * her own mailbox session, in which James checks her ACL entry on the shared folder; the guard
 * checks her role on the shared side first and the audit names both sides.
 */
public class SharedNamespaceCommands {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedNamespaceCommands.class);
    /** What James 3.8.1 lets only an account's own session do, or lists only in it. */
    private static final Set<String> AS_OWNER = Set.of("CREATE", "DELETE", "RENAME", "GETACL", "SETACL", "DELETEACL",
        "LISTRIGHTS", "MYRIGHTS", "GETQUOTAROOT", "GETMETADATA", "SETMETADATA");
    /** RFC 6851 section 3.3: the moved messages leave the source as if deleted and expunged. */
    private static final Rights ON_MOVE_SOURCE = Rights.of(Right.DELETE_MESSAGES, Right.EXPUNGE);
    private static final String MEMBER_SESSIONS_KEY = "com.teaminbox.namespaceMemberSessions";
    private static final String NONEXISTENT_KEY = "com.teaminbox.NONEXISTENT";
    private static final String CANNOT_KEY = "com.teaminbox.CANNOT";

    private final ConfigurationInForce configurationStore;
    private final SharedAccounts accounts;
    private final MemberAccess access;
    private final StatusResponseFactory factory;
    private volatile Named named = new Named(SharedMailboxesConfiguration.EMPTY, SharedNamespace.of(List.of(), '.'));

    private record Named(SharedMailboxesConfiguration configuration, SharedNamespace namespace) {
    }

    @Inject
    public SharedNamespaceCommands(ConfigurationInForce configurationStore, SharedAccounts accounts, MemberAccess access,
                                   StatusResponseFactory factory) {
        this.configurationStore = configurationStore;
        this.accounts = accounts;
        this.access = access;
        this.factory = factory;
    }

    /**
     * The command of a person in her own account, when the shared namespace concerns it; empty
     * when James alone answers it (nothing shared selected, named or listed).
     */
    Optional<Mono<Void>> route(ImapRequest request, ImapProcessor.Responder responder, ImapSession own, MemberCommandGuard guard,
                               ImapProcessor james) {
        MailboxSession mailboxSession = own.getMailboxSession();
        if (mailboxSession == null || inOwnFoldersOnly(request, own, mailboxSession)) {
            return Optional.empty();
        }
        Optional<MailAddress> person = address(mailboxSession.getUser());
        if (person.isEmpty()) {
            return Optional.empty();
        }
        SharedMailboxesConfiguration configuration = configurationStore.current();
        Command command = new Command(request, responder, own, guard, james, person.get(), configuration,
            namespace(configuration, mailboxSession.getPathDelimiter()));
        try {
            return command.route();
        } catch (RuntimeException e) {
            // a command is answered, never left to James's error handling (a storage read failed)
            LOGGER.warn("Cannot route {} through the shared namespace; refusing it", request.getCommand().getName(), e);
            return Optional.of(MemberAccess.refuse(responder, factory, request));
        }
    }

    /**
     * True for the commands of a person's own session that the namespace cannot concern: one that
     * names no folder and is no listing, with none or one of her own folders selected (FETCH,
     * STORE, SEARCH, NOOP, IDLE... in her INBOX: nearly every command of nearly every session).
     * James answers them alone, as {@link Command#route} would decide after parsing her address
     * and reading the configuration, which this spares each of them.
     */
    static boolean inOwnFoldersOnly(ImapRequest request, ImapSession own, MailboxSession mailboxSession) {
        if (request instanceof NamespaceRequest || request instanceof ListRequest || request instanceof LsubRequest
            || request instanceof SubscribeRequest || request instanceof UnsubscribeRequest
            || MemberCommandGuard.namedFolder(request).isPresent()) {
            return false;
        }
        SelectedMailbox selected = own.getSelected();
        return selected == null || selected.getMessageManager().getMailboxPath().getUser().equals(mailboxSession.getUser());
    }

    private SharedNamespace namespace(SharedMailboxesConfiguration configuration, char delimiter) {
        Named current = named;
        if (current.configuration() != configuration || current.namespace().delimiter() != delimiter) {
            current = new Named(configuration, SharedNamespace.of(
                configuration.sharedMailboxes().stream().map(sharedMailbox -> sharedMailbox.address()).toList(), delimiter));
            named = current;
        }
        return current.namespace();
    }

    /** A member whose role lets her see at least one folder: the shared mailbox appears in her account. */
    private static boolean seesSomething(Member member) {
        return Rights.parse(member.role().rights()).contains(Right.LOOKUP)
            || member.folderRoles().values().stream().flatMap(Optional::stream)
                .anyMatch(role -> Rights.parse(role.rights()).contains(Right.LOOKUP));
    }

    /** One command of one session, with what routing it needs. */
    private final class Command {
        private final ImapRequest request;
        private final ImapProcessor.Responder responder;
        private final ImapSession own;
        private final MemberCommandGuard guard;
        private final ImapProcessor james;
        private final MailAddress person;
        private final SharedMailboxesConfiguration configuration;
        private final SharedNamespace namespace;
        private final Optional<MemberSession> selectedShared;

        Command(ImapRequest request, ImapProcessor.Responder responder, ImapSession own, MemberCommandGuard guard, ImapProcessor james,
                MailAddress person, SharedMailboxesConfiguration configuration, SharedNamespace namespace) {
            this.request = request;
            this.responder = responder;
            this.own = own;
            this.guard = guard;
            this.james = james;
            this.person = person;
            this.configuration = configuration;
            this.namespace = namespace;
            this.selectedShared = selectedAccount()
                .filter(owner -> !owner.equals(own.getMailboxSession().getUser()))
                .flatMap(SharedNamespaceCommands::address)
                .map(this::memberSession);
        }

        Optional<Mono<Void>> route() {
            if (request instanceof NamespaceRequest) {
                return whenShared(() -> afterSelectedCheck(this::answerNamespace));
            }
            if (request instanceof LsubRequest) {
                return whenShared(() -> afterSelectedCheck(this::lsub));
            }
            if (request instanceof ListRequest) {
                return whenShared(() -> afterSelectedCheck(this::list));
            }
            if (request instanceof SubscribeRequest || request instanceof UnsubscribeRequest) {
                // her own subscription list, whatever the name: subscriptions are hers alone
                return selectedShared.map(selected -> afterSelectedCheck(() -> james.processReactive(request, responder, own)));
            }
            Optional<String> name = MemberCommandGuard.namedFolder(request);
            if (name.isEmpty()) {
                return selectedShared.map(selected -> guard.processReactive(request, responder, SharedFolderView.asMember(own, selected)));
            }
            SharedNamespace.Resolution target = namespace.resolve(name.get());
            if (request instanceof RenameRequest rename && !sameAccount(target, namespace.resolve(rename.getNewName()))) {
                return Optional.of(answer(CANNOT_KEY, "[CANNOT] RENAME cannot move a folder between accounts."));
            }
            return switch (target.kind()) {
                case PERSONAL -> selectedShared.map(selected -> afterSelectedCheck(() -> inOwnAccount(selected)));
                case NAMESPACE -> Optional.of(request instanceof CreateRequest
                    ? answer(CANNOT_KEY, "[CANNOT] " + SharedNamespace.ROOT + " holds the shared mailboxes; CREATE a folder inside one of them.")
                    : nonexistent());
                case SHARED -> Optional.of(inSharedAccount(target));
            };
        }

        /** Only for a person who belongs to a shared mailbox, or who has one of its folders selected. */
        private Optional<Mono<Void>> whenShared(Supplier<Mono<Void>> routed) {
            return memberships().isEmpty() && selectedShared.isEmpty() ? Optional.empty() : Optional.of(routed.get());
        }

        private boolean sameAccount(SharedNamespace.Resolution from, SharedNamespace.Resolution to) {
            return from.kind() == to.kind() && from.kind() != SharedNamespace.Kind.NAMESPACE && from.sharedMailbox().equals(to.sharedMailbox());
        }

        /** A folder of a shared mailbox, named by the client: the command runs in that account, behind the guard. */
        private Mono<Void> inSharedAccount(SharedNamespace.Resolution target) {
            MailAddress sharedMailbox = target.sharedMailbox().orElseThrow();
            if (!memberships().contains(sharedMailbox)) {
                return nonexistent();
            }
            Optional<ImapRequest> inner = NamespaceRequests.renamed(request, visible -> namespace.resolve(visible).folder());
            if (inner.isEmpty()) {
                return answer(CANNOT_KEY, "[CANNOT] " + request.getCommand().getName()
                    + " is not offered in the shared namespace; use the shared mailbox's own login.");
            }
            MemberSession member = memberSession(sharedMailbox);
            ImapSession view = AS_OWNER.contains(request.getCommand().getName())
                ? SharedFolderView.asOwner(own, member)
                : SharedFolderView.asMember(own, member);
            ImapProcessor.Responder renaming = new NamespaceResponder(responder,
                folder -> namespace.visibleName(sharedMailbox, folder).orElse(folder));
            Supplier<Mono<Void>> run = () -> guard.processReactive(inner.get(), renaming, view);
            if (selectedShared.isEmpty() || selectedShared.get().sharedMailbox().equals(sharedMailbox)) {
                return run.get();
            }
            return afterSelectedCheck(() -> request instanceof MoveRequest ? afterMoveSourceCheck(selectedShared.get(), run) : run.get());
        }

        /**
         * One of her own folders, named while a shared folder is selected: James runs the command in
         * her session; a COPY or MOVE out of the shared folder is checked and recorded here, since no
         * member processor sees it.
         */
        private Mono<Void> inOwnAccount(MemberSession selected) {
            if (!(request instanceof AbstractMessageRangeRequest transfer)) {
                return james.processReactive(request, responder, own);
            }
            boolean move = request instanceof MoveRequest;
            Optional<MailboxPath> selectedNow;
            try {
                selectedNow = selectedFolder();
            } catch (RuntimeException e) {
                return guard.refuseUndecidable(selected, request, responder, e);
            }
            if (selectedNow.isEmpty()) {
                // deleted since SELECT: nothing left to copy, James answers as for any deleted selected folder
                return james.processReactive(request, responder, own);
            }
            MailboxPath source = selectedNow.get();
            MailboxPath target = MailboxPath.forUser(own.getMailboxSession().getUser(), transfer.getMailboxName());
            MemberAction action = MemberAction.of(move ? AuditEventType.MESSAGES_MOVED : AuditEventType.MESSAGES_COPIED,
                    request.getCommand().getName(), source)
                .withMessages(transfer.getIdSet(), transfer.isUseUids(), Optional.ofNullable(own.getSelected()))
                .with("to", MemberAccess.label(selected, target));
            Supplier<Mono<Void>> run = () -> access.recordThen(SharedFolderView.asMember(own, selected), request, responder, factory, action,
                () -> james.processReactive(request, responder, own));
            return move ? afterMoveSourceCheck(selected, run) : run.get();
        }

        private Mono<Void> afterMoveSourceCheck(MemberSession selected, Supplier<Mono<Void>> run) {
            Optional<MailboxPath> source;
            try {
                source = selectedFolder();
            } catch (RuntimeException e) {
                return guard.refuseUndecidable(selected, request, responder, e);
            }
            return access.refuses(SharedFolderView.asMember(own, selected), request.getCommand().getName(), source, ON_MOVE_SOURCE)
                .flatMap(refused -> refused ? MemberAccess.refuse(responder, factory, request) : run.get());
        }

        /** With a shared folder selected, every command first checks that she may still read it (else {@code * BYE}). */
        private Mono<Void> afterSelectedCheck(Supplier<Mono<Void>> then) {
            return selectedShared
                .map(selected -> guard.admits(selected, SharedFolderView.asMember(own, selected), responder)
                    .flatMap(admitted -> admitted ? then.get() : Mono.<Void>empty()))
                .orElseGet(then);
        }

        /** RFC 2342: her own folders at the top, the shared mailboxes under {@code Shared.}, no other users' namespace. */
        private Mono<Void> answerNamespace() {
            char delimiter = namespace.delimiter();
            List<NamespaceResponse.Namespace> shared = memberships().isEmpty() ? null
                : List.of(new NamespaceResponse.Namespace(SharedNamespace.ROOT, delimiter)); // James's encoder appends the delimiter
            return Mono.fromRunnable(() -> {
                responder.respond(new NamespaceResponse(List.of(new NamespaceResponse.Namespace("", delimiter)), null, shared));
                responder.respond(factory.taggedOk(request.getTag(), request.getCommand(), HumanReadableText.COMPLETED));
            });
        }

        /**
         * Her folders as James lists them, then each shared mailbox's as its guarded LIST shows them
         * (only folders with {@code l}), renamed into the namespace and matched against her pattern,
         * with {@code Shared} and {@code Shared.support} as {@code \Noselect} parents; James's
         * tagged answer last.
         */
        private Mono<Void> list() {
            ListRequest list = (ListRequest) request;
            if (list.getSelectOptions().contains(ListRequest.ListSelectOption.SUBSCRIBED)) {
                // her own subscription list holds the shared names she subscribed to
                return james.processReactive(request, responder, own);
            }
            TaggedLast taggedLast = new TaggedLast(responder);
            AtomicBoolean rootListed = new AtomicBoolean();
            return james.processReactive(request, taggedLast, own)
                .then(Flux.fromIterable(memberships())
                    .concatMap(sharedMailbox -> listShared(list, sharedMailbox, rootListed))
                    .then())
                .then(Mono.fromRunnable(taggedLast::release));
        }

        private Mono<Void> listShared(ListRequest list, MailAddress sharedMailbox, AtomicBoolean rootListed) {
            ListRequest everything = list instanceof XListRequest
                ? new XListRequest("", "*", list.getTag())
                : new ListRequest(list.getCommand(), "", "*", list.getTag(), list.getSelectOptions(), list.getReturnOptions(),
                    list.getStatusDataItems());
            Collected collected = new Collected();
            return guard.processReactive(everything, collected, SharedFolderView.asOwner(own, memberSession(sharedMailbox)))
                .then(Mono.fromRunnable(() -> {
                    if (collected.listed.isEmpty()) {
                        return;
                    }
                    String reference = list.getBaseReferenceName();
                    String pattern = list.getMailboxPattern();
                    if (namespace.matches(reference, pattern, SharedNamespace.ROOT) && rootListed.compareAndSet(false, true)) {
                        responder.respond(parent(list, SharedNamespace.ROOT));
                    }
                    String level = namespace.levelName(sharedMailbox).orElseThrow();
                    if (namespace.matches(reference, pattern, level)) {
                        responder.respond(parent(list, level));
                    }
                    Set<String> shown = new HashSet<>();
                    for (ImapResponseMessage message : collected.listed) {
                        ImapResponseMessage renamed = NamespaceResponder.renamed(message,
                            folder -> namespace.visibleName(sharedMailbox, folder).orElse(folder));
                        if (renamed instanceof AbstractListingResponse listing && namespace.matches(reference, pattern, listing.getName())) {
                            shown.add(listing.getName());
                            responder.respond(renamed);
                        } else if (renamed instanceof MailboxStatusResponse status && shown.contains(status.getMailbox())) {
                            responder.respond(renamed);
                        }
                    }
                }));
        }

        private ImapResponseMessage parent(ListRequest list, String name) {
            if (list instanceof XListRequest) {
                return new XListResponse(MailboxMetaData.Children.HAS_CHILDREN, MailboxMetaData.Selectability.NOSELECT, name,
                    namespace.delimiter(), MailboxType.OTHER);
            }
            return new ListResponse(MailboxMetaData.Children.HAS_CHILDREN, MailboxMetaData.Selectability.NOSELECT, name,
                namespace.delimiter(), false, false, EnumSet.noneOf(ListResponse.ChildInfo.class), MailboxType.OTHER);
        }

        /** Her subscriptions as James lists them, without the shared folders she may no longer see. */
        private Mono<Void> lsub() {
            return Mono.fromCallable(this::visibleSharedFolders)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(visible -> james.processReactive(request, new ImapProcessor.Responder() {
                    @Override
                    public void respond(ImapResponseMessage message) {
                        if (message instanceof LSubResponse lsub) {
                            SharedNamespace.Resolution resolution = namespace.resolve(lsub.getName());
                            if (resolution.kind() == SharedNamespace.Kind.SHARED
                                && !visible.getOrDefault(resolution.sharedMailbox().get(), Set.of()).contains(resolution.folder())) {
                                return;
                            }
                        }
                        responder.respond(message);
                    }

                    @Override
                    public void flush() {
                        responder.flush();
                    }
                }, own));
        }

        private Map<MailAddress, Set<String>> visibleSharedFolders() throws Exception {
            Map<MailAddress, Set<String>> visible = new HashMap<>();
            for (MailAddress sharedMailbox : memberships()) {
                Set<String> folders = new HashSet<>();
                access.rightsByFolderName(memberSession(sharedMailbox)).forEach((folder, rights) -> {
                    if (rights.contains(Right.LOOKUP)) {
                        folders.add(folder);
                    }
                });
                visible.put(sharedMailbox, folders);
            }
            return visible;
        }

        private Mono<Void> nonexistent() {
            return answer(NONEXISTENT_KEY, "[NONEXISTENT] " + request.getCommand().getName() + " failed. No such mailbox.");
        }

        private Mono<Void> answer(String key, String text) {
            return Mono.fromRunnable(() -> responder.respond(factory.taggedNo(request.getTag(), null, new HumanReadableText(key, text))));
        }

        /** The shared mailboxes she belongs to with a role that shows her a folder, in the configuration's order. */
        private List<MailAddress> memberships() {
            List<MailAddress> memberships = new ArrayList<>();
            configuration.sharedMailboxes().forEach(sharedMailbox -> sharedMailbox.member(person)
                .filter(SharedNamespaceCommands::seesSomething)
                .ifPresent(member -> memberships.add(sharedMailbox.address())));
            return memberships;
        }

        /** Her member session in a shared mailbox, one per connection and mailbox. */
        @SuppressWarnings("unchecked")
        private MemberSession memberSession(MailAddress sharedMailbox) {
            Map<MailAddress, MemberSession> sessions = (Map<MailAddress, MemberSession>) own.getAttribute(MEMBER_SESSIONS_KEY);
            if (sessions == null) {
                sessions = new ConcurrentHashMap<>();
                own.setAttribute(MEMBER_SESSIONS_KEY, sessions);
            }
            Username username = own.getMailboxSession().getUser();
            return sessions.computeIfAbsent(sharedMailbox, address -> new MemberSession(address, person, username,
                MemberAccess.openMemberSession(accounts.username(address), username)));
        }

        /** Whose folder is selected: the account does not change in a rename, so James's copy from SELECT says it. */
        private Optional<Username> selectedAccount() {
            SelectedMailbox selected = own.getSelected();
            return selected == null ? Optional.empty() : Optional.of(selected.getMessageManager().getMailboxPath().getUser());
        }

        /** The selected folder under its current name (a rename since SELECT counts). */
        private Optional<MailboxPath> selectedFolder() {
            return access.selectedFolder(own);
        }
    }

    /** Holds back the tagged answer of James's own part until the shared mailboxes' lines are out. */
    private static final class TaggedLast implements ImapProcessor.Responder {
        private final ImapProcessor.Responder delegate;
        private final List<ImapResponseMessage> held = new ArrayList<>();

        TaggedLast(ImapProcessor.Responder delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            if (message instanceof StatusResponse status && status.getTag() != null) {
                held.add(message);
            } else {
                delegate.respond(message);
            }
        }

        synchronized void release() {
            held.forEach(delegate::respond);
            held.clear();
        }

        @Override
        public void flush() {
            delegate.flush();
        }
    }

    /** The lines of a shared mailbox's listing, kept to be renamed and matched; its tagged answer dropped. */
    private static final class Collected implements ImapProcessor.Responder {
        private final List<ImapResponseMessage> listed = new ArrayList<>();

        @Override
        public synchronized void respond(ImapResponseMessage message) {
            if (message instanceof AbstractListingResponse || message instanceof MailboxStatusResponse) {
                listed.add(message);
            }
        }

        @Override
        public void flush() {
        }
    }

    private static Optional<MailAddress> address(Username username) {
        try {
            return Optional.of(username.asMailAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
