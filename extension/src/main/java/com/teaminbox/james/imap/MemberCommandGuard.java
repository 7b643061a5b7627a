package com.teaminbox.james.imap;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.ImapMessage;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.IdleRequest;
import org.apache.james.imap.message.request.LogoutRequest;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.CapabilityImplementingProcessor;
import org.apache.james.imap.processor.CapabilityProcessor;
import org.apache.james.imap.processor.EnableProcessor;
import org.apache.james.imap.processor.PermitEnableCapabilityProcessor;
import org.apache.james.imap.processor.base.AbstractProcessor;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.util.MDCBuilder;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.CommandRights;
import com.teaminbox.core.access.CommandRule;
import com.teaminbox.core.access.CommandScope;
import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;

import reactor.core.publisher.Mono;

/**
 * Every IMAP command of a member session passes here first and is decided on
 * {@link CommandRights}, with her rights as they are now: a command the table does not name is
 * refused (deny by default), a member who has left the configuration, or lost {@code r} on her
 * selected folder, gets {@code * BYE} and her session ends. The processors that only narrow a
 * command (SELECT as EXAMINE, FETCH as PEEK, LIST filtering) run behind it.
 *
 * <p>James keys its processors by request class and offers no hook around them, so this guard is
 * the one processor the package declares: it builds James's processors itself (with the member
 * subclasses swapped in, see {@link SharedMailboxImapPackage#guardedProcessors()}), claims all
 * their request classes, and wires CAPABILITY and ENABLE to them as James's IMAP module would.
 */
public class MemberCommandGuard extends AbstractProcessor<ImapMessage> {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberCommandGuard.class);
    private static final String REVOKED_KEY = "com.teaminbox.REVOKED";
    private static final String NONEXISTENT_KEY = "com.teaminbox.NONEXISTENT";

    /** After these, the cached ACLs may be stale: a folder got or lost an ACL, or its name. */
    private static final Set<String> CHANGE_FOLDERS_OR_ACLS = Set.of("CREATE", "DELETE", "RENAME", "SETACL", "DELETEACL");

    /** Looked up once per request class: every command of a person's own session asks (the shared namespace routes by it). */
    private static final ClassValue<Optional<Method>> MAILBOX_NAME_GETTER = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> requestClass) {
            try {
                return Optional.of(requestClass.getMethod("getMailboxName"));
            } catch (NoSuchMethodException e) {
                return Optional.empty();
            }
        }
    };

    private final Map<Class<?>, ImapProcessor> delegates;
    private final List<ImapProcessor> processors;
    private final StatusResponseFactory factory;
    private final MemberAccess access;
    private final MemberAudit audit;
    private final OpenMemberSessions openSessions;
    private final SharedNamespaceCommands namespace;
    private ImapConfiguration lastConfiguration;

    @Inject
    public MemberCommandGuard(GuiceGenericLoader loader, StatusResponseFactory factory, MemberAccess access, MemberAudit audit,
                              OpenMemberSessions openSessions, SharedNamespaceCommands namespace) throws ClassNotFoundException {
        super(ImapMessage.class);
        this.factory = factory;
        this.access = access;
        this.audit = audit;
        this.openSessions = openSessions;
        this.namespace = namespace;
        List<ImapProcessor> built = new ArrayList<>();
        for (ClassName name : SharedMailboxImapPackage.guardedProcessors()) {
            built.add(loader.instantiate(name));
        }
        this.processors = List.copyOf(built);
        this.delegates = byRequestClass(processors);
        wireCapabilities(processors);
    }

    private static Map<Class<?>, ImapProcessor> byRequestClass(List<ImapProcessor> processors) {
        Map<Class<?>, ImapProcessor> byClass = new LinkedHashMap<>();
        for (ImapProcessor processor : processors) {
            for (Class<?> requestClass : ((AbstractProcessor<?>) processor).acceptableClasses()) {
                ImapProcessor previous = byClass.put(requestClass, processor);
                if (previous != null) {
                    throw new IllegalStateException("Two IMAP processors for " + requestClass.getName() + ": "
                        + previous.getClass().getName() + " and " + processor.getClass().getName());
                }
            }
        }
        return Map.copyOf(byClass);
    }

    /** What James's IMAP module does with the processors it sees, which are now behind this guard. */
    private static void wireCapabilities(List<ImapProcessor> processors) {
        processors.stream().filter(EnableProcessor.class::isInstance).map(EnableProcessor.class::cast).findFirst()
            .ifPresent(enable -> processors.stream().filter(PermitEnableCapabilityProcessor.class::isInstance)
                .map(PermitEnableCapabilityProcessor.class::cast).forEach(enable::addProcessor));
        processors.stream().filter(CapabilityProcessor.class::isInstance).map(CapabilityProcessor.class::cast).findFirst()
            .ifPresent(capability -> processors.stream().filter(CapabilityImplementingProcessor.class::isInstance)
                .map(CapabilityImplementingProcessor.class::cast).forEach(capability::addProcessor));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Class<? extends ImapMessage>> acceptableClasses() {
        List<Class<? extends ImapMessage>> accepted = new ArrayList<>();
        delegates.keySet().forEach(requestClass -> accepted.add((Class<? extends ImapMessage>) requestClass));
        return accepted;
    }

    /** James configures each processor of its map, and this guard is in it once per request class: configure the delegates once. */
    @Override
    public synchronized void configure(ImapConfiguration configuration) {
        if (configuration != lastConfiguration) {
            lastConfiguration = configuration;
            processors.forEach(processor -> processor.configure(configuration));
        }
    }

    @Override
    public Mono<Void> processReactive(ImapMessage message, Responder responder, ImapSession session) {
        ImapProcessor delegate = delegates.get(message.getClass());
        Optional<MemberSession> member = access.memberSession(session);
        if (!(message instanceof ImapRequest) || message instanceof LogoutRequest) {
            return delegate.processReactive(message, responder, session);
        }
        ImapRequest request = (ImapRequest) message;
        // any command ends IDLE, also one of her own account after IDLE in a shared folder
        openSessions.commandStarted(SharedFolderView.own(session));
        if (member.isEmpty()) {
            return namespace.route(request, responder, session, this, delegate)
                .orElseGet(() -> delegate.processReactive(message, responder, session));
        }
        // what an IDLE is decided on: a change after it and before the session is listed as idling is reviewed then
        SessionDecisions.Stamp decidedAt = request instanceof IdleRequest ? access.stamp() : null;
        if (decidedToRun(member.get(), request, session)) {
            // The usual command of a polling client: run as James would, without a chain of decisions.
            Mono<Void> run = runMember(delegate, member.get(), request, responder, session);
            return needsAfterRun(request)
                ? run.then(Mono.fromRunnable(() -> afterRun(member.get(), request, session, responder, decidedAt)))
                : run;
        }
        return decide(member.get(), request, session, responder)
            .onErrorResume(error -> undecidable(member.get(), request, responder, error))
            .flatMap(verdict -> switch (verdict) {
                case RUN -> runMember(delegate, member.get(), request, responder, session)
                    .then(Mono.fromRunnable(() -> afterRun(member.get(), request, session, responder, decidedAt)));
                case ANSWERED -> Mono.<Void>empty();
            });
    }

    /**
     * True when the command may run on what this session decided already (the member as the
     * configuration in force declares her, her rights on the selected folder as last read under
     * the same configuration and ACL generation, see {@link SessionDecisions}): no storage read, no
     * thread hop, no record to write, so it is decided here on the IMAP thread. Anything else (a
     * member no longer configured, rights not decided yet or missing, a command that names a folder
     * or is refused) takes {@link #decide}, which closes, refuses and records as before.
     */
    private boolean decidedToRun(MemberSession member, ImapRequest request, ImapSession session) {
        Optional<CommandRule> rule = CommandRights.rule(request.getCommand().getName());
        if (rule.isEmpty() || access.configuredMember(member).isEmpty()) {
            return false;
        }
        if (session.getSelected() == null) {
            return runsWithoutSelection(rule.get());
        }
        // its current name, known since the last change of a folder's name or ACL; else decide() reads it
        Optional<MailboxPath> folder = access.knownSelectedFolder(session);
        if (folder.isEmpty() || !MemberAccess.inAccount(member, folder.get())) {
            return false;
        }
        return runsOnDecidedRights(rule.get(), access.decidedRights(member, folder.get()));
    }

    /** With no folder selected (or the member's own selected), only a command that needs no folder runs at once. */
    static boolean runsWithoutSelection(CommandRule rule) {
        return rule.scope() == CommandScope.NONE;
    }

    /**
     * Whether a command runs at once on the member's decided rights on her selected folder: she
     * still reads it (else {@link #admits} ends her session) and, for a command on the selected
     * folder, holds every right it needs (else it is refused and recorded).
     */
    static boolean runsOnDecidedRights(CommandRule rule, Optional<Rights> selectedFolderRights) {
        if (selectedFolderRights.isEmpty() || !selectedFolderRights.get().contains(Right.READ)) {
            return false;
        }
        return switch (rule.scope()) {
            case NONE -> true;
            case SELECTED -> selectedFolderRights.get().containsAll(rule.rights());
            case NAMED, PARENT, REFUSED -> false;
        };
    }

    private static boolean needsAfterRun(ImapRequest request) {
        return request instanceof IdleRequest || CHANGE_FOLDERS_OR_ACLS.contains(request.getCommand().getName());
    }

    private void afterRun(MemberSession member, ImapRequest request, ImapSession session, Responder responder,
                          SessionDecisions.Stamp decidedAt) {
        if (request instanceof IdleRequest) {
            openSessions.idling(SharedFolderView.own(session), member, responder, decidedAt);
        }
        if (CHANGE_FOLDERS_OR_ACLS.contains(request.getCommand().getName())) {
            access.foldersChanged();
        }
    }

    private enum Verdict { RUN, ANSWERED }

    private Mono<Verdict> decide(MemberSession member, ImapRequest request, ImapSession session, Responder responder) {
        return admits(member, session, responder, Verdict.RUN)
            .flatMap(verdict -> verdict == Verdict.RUN ? byTable(member, request, session, responder) : Mono.just(verdict));
    }

    /**
     * Emits true when the member may go on in this shared mailbox: she still belongs to it and,
     * if one of its folders is selected, still reads it. Otherwise she has been told {@code * BYE}
     * and her session ends, whatever the command.
     */
    Mono<Boolean> admits(MemberSession member, ImapSession session, Responder responder) {
        return admits(member, session, responder, Verdict.RUN).map(verdict -> verdict == Verdict.RUN);
    }

    private Mono<Verdict> admits(MemberSession member, ImapSession session, Responder responder, Verdict toGoOn) {
        // the selected folder as it is named now, whoever renamed it since SELECT (read by its id, off the IMAP thread if needed)
        return access.currentSelectedFolder(session)
            .flatMap(current -> admits(member, session, responder, toGoOn, current.filter(folder -> MemberAccess.inAccount(member, folder))));
    }

    private Mono<Verdict> admits(MemberSession member, ImapSession session, Responder responder, Verdict toGoOn,
                                 Optional<MailboxPath> selected) {
        if (access.configuredMember(member).isEmpty()) {
            return close(member, session, responder, selected.map(MailboxPath::getName).orElse(""),
                "no longer a member of " + member.sharedMailbox().asString());
        }
        Mono<Boolean> selectedStillReadable = selected
            .map(folder -> access.rightsOnReactive(member, folder)
                .map(rights -> rights.map(held -> held.contains(Right.READ)).orElse(true)))
            .orElse(Mono.just(true));
        return selectedStillReadable.flatMap(readable -> readable
            ? Mono.just(toGoOn)
            : close(member, session, responder, selected.get().getName(), "read right on the selected folder removed"));
    }

    private Mono<Verdict> byTable(MemberSession member, ImapRequest request, ImapSession session, Responder responder) {
        String command = request.getCommand().getName();
        Optional<CommandRule> rule = CommandRights.rule(command);
        if (rule.isEmpty()) {
            audit.command(MemberAudit.Decision.COMMAND_REFUSED, command, member, "", "command not offered to members");
            return refuse(responder, request);
        }
        return switch (rule.get().scope()) {
            case NONE -> Mono.just(Verdict.RUN);
            case REFUSED -> {
                audit.command(MemberAudit.Decision.COMMAND_REFUSED, command, member, "", "command not offered to members");
                yield refuse(responder, request);
            }
            case SELECTED -> access.refuses(session, command, access.selectedFolder(session), rule.get().rights())
                .flatMap(refused -> refused ? refuse(responder, request) : Mono.just(Verdict.RUN));
            case NAMED -> named(member, request, session, responder, rule.get());
            case PARENT -> parent(member, request, session, responder, rule.get());
        };
    }

    /** A folder without {@code l} is answered like one that does not exist (RFC 4314 section 4): hidden stays hidden. */
    private Mono<Verdict> named(MemberSession member, ImapRequest request, ImapSession session, Responder responder, CommandRule rule) {
        Optional<String> name = namedFolder(request);
        if (name.isEmpty()) {
            return Mono.just(Verdict.RUN);
        }
        MailboxPath folder = MemberAccess.folder(session, name.get());
        String command = rule.command();
        return access.rightsOnReactive(member, folder).flatMap(rights -> {
            if (rights.isEmpty()) {
                return nonexistent(responder, request);
            }
            if (!rights.get().contains(Right.LOOKUP)) {
                audit.command(MemberAudit.Decision.COMMAND_REFUSED, command, member, folder.getName(), "missing rights l");
                return nonexistent(responder, request);
            }
            return access.refuses(session, command, Optional.of(folder), rule.rights())
                .flatMap(refused -> refused ? refuse(responder, request) : Mono.just(Verdict.RUN));
        });
    }

    private Mono<Verdict> parent(MemberSession member, ImapRequest request, ImapSession session, Responder responder, CommandRule rule) {
        Optional<String> name = namedFolder(request);
        if (name.isEmpty()) {
            return Mono.just(Verdict.RUN);
        }
        MailboxPath folder = MemberAccess.folder(session, name.get());
        return access.nearestExistingParent(folder, session)
            .flatMap(parent -> access.refuses(session, rule.command(), Optional.of(parent), rule.rights()))
            .flatMap(refused -> refused ? refuse(responder, request) : Mono.just(Verdict.RUN));
    }

    /** The folder a request names: its mailbox argument, or the existing name of a RENAME. */
    static Optional<String> namedFolder(ImapRequest request) {
        if (request instanceof RenameRequest) {
            return Optional.of(((RenameRequest) request).getExistingName());
        }
        Optional<Method> getter = MAILBOX_NAME_GETTER.get(request.getClass());
        if (getter.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((String) getter.get().invoke(request));
        } catch (ReflectiveOperationException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs a member's command. A member processor names the selected folder (for its check and its
     * record) as it builds its answer, which may read storage: a failure there refuses the command
     * and is recorded, as when the guard cannot read her rights.
     */
    private Mono<Void> runMember(ImapProcessor delegate, MemberSession member, ImapRequest request, Responder responder, ImapSession session) {
        try {
            return delegate.processReactive(request, responder, session);
        } catch (RuntimeException e) {
            return refuseUndecidable(member, request, responder, e);
        }
    }

    /** A member's command whose rights cannot be read: refused ({@code NO [NOPERM]}) and recorded. */
    Mono<Void> refuseUndecidable(MemberSession member, ImapRequest request, Responder responder, Throwable error) {
        return undecidable(member, request, responder, error).then();
    }

    private Mono<Verdict> undecidable(MemberSession member, ImapRequest request, Responder responder, Throwable error) {
        LOGGER.warn("Cannot decide {} of {}; refusing it", request.getCommand().getName(), member.member().asString(), error);
        audit.command(MemberAudit.Decision.COMMAND_REFUSED, request.getCommand().getName(), member, "", "rights unreadable");
        return refuse(responder, request);
    }

    private Mono<Verdict> refuse(Responder responder, ImapRequest request) {
        return MemberAccess.refuse(responder, factory, request).thenReturn(Verdict.ANSWERED);
    }

    /** RFC 5530 {@code [NONEXISTENT]}, the same words for a missing folder and one the member may not see. */
    private Mono<Verdict> nonexistent(Responder responder, ImapRequest request) {
        HumanReadableText text = new HumanReadableText(NONEXISTENT_KEY,
            "[NONEXISTENT] " + request.getCommand().getName() + " failed. No such mailbox.");
        return Mono.fromRunnable(() -> responder.respond(factory.taggedNo(request.getTag(), null, text)))
            .thenReturn(Verdict.ANSWERED);
    }

    /** {@code * BYE} naming the reason, then the session ends: James closes the connection after a LOGOUT state. */
    private Mono<Verdict> close(MemberSession member, ImapSession session, Responder responder, String folder, String reason) {
        audit.sessionClosed(member, folder, reason);
        return Mono.fromRunnable(() -> {
            responder.respond(factory.bye(byeText(member, reason)));
            responder.flush();
        })
            .then(session.logout())
            .thenReturn(Verdict.ANSWERED);
    }

    static HumanReadableText byeText(MemberSession member, String reason) {
        return new HumanReadableText(REVOKED_KEY, "Access to " + member.sharedMailbox().asString() + " revoked: " + reason);
    }

    @Override
    protected Mono<Void> doProcess(ImapMessage message, Responder responder, ImapSession session) {
        return processReactive(message, responder, session);
    }

    @Override
    protected MDCBuilder mdc(ImapMessage message) {
        return MDCBuilder.create();
    }
}
