package com.teaminbox.james.imap;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.access.FolderAclCache;
import com.teaminbox.james.access.MemberAcl;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Member sessions sitting in {@code IDLE}: they send no command for hours, yet James pushes them
 * the selected folder's news. When a new configuration removes the member, or the read right on
 * her selected folder, or when a folder's ACL or name changes (by any path, see
 * {@link FolderAclCache}) so that she no longer reads her selected folder, each such session gets
 * {@code * BYE} naming the reason and is closed at once, without waiting for a command. Other
 * sessions are decided at their next command by {@link MemberCommandGuard}.
 */
@Singleton
public class OpenMemberSessions {
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenMemberSessions.class);

    private record Idling(MemberSession member, ImapProcessor.Responder responder) {
    }

    /** Weak keys: a connection that ends otherwise is forgotten with its session. */
    private final Map<ImapSession, Idling> idling = Collections.synchronizedMap(new WeakHashMap<>());
    /**
     * False once the map was found empty, until a session idles again: every command of every
     * session (owners' too) tells this class it started, and while nobody idles that costs no lock.
     * Written under the map's lock; a stale true (an entry dropped by the GC or by a review) only
     * takes the lock once more.
     */
    private volatile boolean anyIdling;
    private final StatusResponseFactory factory;
    private final MemberAudit audit;
    private final MemberAccess access;
    private final SharedMailboxesConfigurationStore configurationStore;
    /** Changes heard since the running review began, plus one for it; 0 when no review runs. */
    private final AtomicInteger reviewsWanted = new AtomicInteger();
    /** Where the rights reviews run (off the event bus's thread). */
    private final Scheduler reviews;

    @Inject
    public OpenMemberSessions(SharedMailboxesConfigurationStore configurationStore, StatusResponseFactory factory, MemberAudit audit,
                              MemberAccess access, FolderAclCache aclCache) {
        this(configurationStore, factory, audit, access, aclCache, Schedulers.boundedElastic());
    }

    OpenMemberSessions(SharedMailboxesConfigurationStore configurationStore, StatusResponseFactory factory, MemberAudit audit,
                       MemberAccess access, FolderAclCache aclCache, Scheduler reviews) {
        this.reviews = reviews;
        this.factory = factory;
        this.audit = audit;
        this.access = access;
        this.configurationStore = configurationStore;
        configurationStore.whenLoaded(this::review);
        aclCache.whenInvalidated(this::reviewRightsLater);
    }

    /**
     * The session entered IDLE, decided on the configuration and ACLs of {@code decidedAt}. James's
     * IDLE started before this call: a reload or an ACL change in between was reviewed without this
     * session, so it is reviewed now if either moved.
     */
    void idling(ImapSession session, MemberSession member, ImapProcessor.Responder responder, SessionDecisions.Stamp decidedAt) {
        if (session.getState() != ImapSessionState.LOGOUT) {
            synchronized (idling) {
                idling.put(session, new Idling(member, responder));
                anyIdling = true;
            }
            if (!decidedAt.same(access.stamp())) {
                Mono.fromRunnable(() -> reviewOne(session))
                    .subscribeOn(Schedulers.boundedElastic())
                    .subscribe(done -> { }, error -> LOGGER.warn("Could not review an idling member session", error));
            }
        }
    }

    /** Both reviews, for one session that may have missed them. */
    private void reviewOne(ImapSession session) {
        Idling entry = idling.get(session);
        if (entry == null || session.getState() == ImapSessionState.LOGOUT) {
            return;
        }
        Optional<String> reason;
        try {
            reason = revocation(configurationStore.current(), entry.member(), session);
        } catch (RuntimeException e) {
            LOGGER.warn("Cannot decide whether idling {} may go on after a change; closing her session", entry.member().member().asString(), e);
            reason = Optional.of(UNDECIDABLE);
        }
        if (reason.isEmpty()) {
            reason = rightsRevocation(entry.member(), session);
        }
        reason.ifPresent(why -> close(session, entry, why));
    }

    /** A new command: the session has left IDLE and the guard decides from now on. */
    void commandStarted(ImapSession session) {
        if (anyIdling) {
            synchronized (idling) {
                idling.remove(session);
                anyIdling = !idling.isEmpty();
            }
        }
    }

    /** Whether a command must look for its session among the idling ones. */
    boolean anyIdling() {
        return anyIdling;
    }

    /**
     * Ends the idling sessions the new configuration no longer allows. The role is given by name,
     * so the selected folder's current name is needed (read by its id if not known); a session
     * whose decision cannot be made (a storage error) is ended too: a reload that may have removed
     * her must not leave her connected. One session's failure does not stop the review of others.
     */
    void review(SharedMailboxesConfiguration configuration) {
        eachIdling((session, entry) -> {
            Optional<String> reason;
            try {
                reason = revocation(configuration, entry.member(), session);
            } catch (RuntimeException e) {
                LOGGER.warn("Cannot decide whether idling {} may go on after a reload; closing her session",
                    entry.member().member().asString(), e);
                reason = Optional.of(UNDECIDABLE);
            }
            reason.ifPresent(why -> close(session, entry, why));
        });
    }

    /** Said in the {@code * BYE} of an idling session whose rights after a reload or an ACL change cannot be read. */
    static final String UNDECIDABLE = "rights on the selected folder unreadable";

    /**
     * A folder's ACL or name may have changed (whoever changed it, on this node or another, see
     * {@link FolderAclCache}): the idling sessions whose member no longer reads her selected folder
     * are ended. Reading the rights may block, and the caller may be the event bus: off its thread.
     * Coalesced: one review at a time, and the changes heard during it make one more, not one each
     * (a parent's rename invalidates once per child). A review that never runs (its scheduler
     * refuses it) or stops on an {@link Error} sets the count back to 0, so that the next change
     * schedules a review again: else no idling session would be reviewed until a restart. What was
     * heard during such a review is reviewed at the next change, at the latest at the next backstop
     * expiry of {@link FolderAclCache}.
     */
    private void reviewRightsLater() {
        if (anyIdling && reviewsWanted.getAndIncrement() == 0) {
            AtomicBoolean started = new AtomicBoolean();
            Mono.fromRunnable(() -> {
                started.set(true);
                drainReviews();
            })
                .subscribeOn(reviews)
                .subscribe(done -> { }, error -> {
                    if (!started.get()) {
                        // never ran (refused by the scheduler): the drain's own finally did not run
                        reviewsWanted.set(0);
                    }
                    LOGGER.warn("Could not review the rights of idling member sessions", error);
                });
        }
    }

    /** Reviews until no change was heard since the last review began; leaves the count at 0 whatever happens. */
    private void drainReviews() {
        boolean drained = false;
        try {
            int wanted = reviewsWanted.get();
            do {
                try {
                    reviewRights();
                } catch (RuntimeException e) {
                    LOGGER.warn("Could not review the rights of idling member sessions", e);
                }
                wanted = reviewsWanted.addAndGet(-wanted);
            } while (wanted != 0);
            drained = true;
        } finally {
            if (!drained) {
                reviewsWanted.set(0);
            }
        }
    }

    /** Reviews asked for and not finished (tests). */
    int reviewsWanted() {
        return reviewsWanted.get();
    }

    void reviewRights() {
        eachIdling((session, entry) -> rightsRevocation(entry.member(), session).ifPresent(why -> close(session, entry, why)));
    }

    /** Runs {@code review} for each idling session still open, each on its own: one that throws is logged and the others go on. */
    private void eachIdling(BiConsumer<ImapSession, Idling> review) {
        Map<ImapSession, Idling> snapshot;
        synchronized (idling) {
            snapshot = Map.copyOf(idling);
        }
        snapshot.forEach((session, entry) -> {
            try {
                if (session.getState() == ImapSessionState.LOGOUT) {
                    idling.remove(session);
                    return;
                }
                review.accept(session, entry);
            } catch (RuntimeException e) {
                LOGGER.warn("Could not review the idling session of {}", entry.member().member().asString(), e);
            }
        });
    }

    /**
     * Why the member may no longer read her selected folder, if so. Rights that cannot be read (a
     * storage error) end the session ({@link #UNDECIDABLE}), as for a reload: an idling session
     * sends no command that the guard could refuse, so letting it go on would keep it reading a
     * folder it may have lost, for as long as it idles.
     */
    private Optional<String> rightsRevocation(MemberSession member, ImapSession session) {
        try {
            Optional<MailboxPath> folder = access.selectedFolder(session).filter(selected -> MemberAccess.inAccount(member, selected));
            if (folder.isEmpty()) {
                return Optional.empty();
            }
            boolean reads = access.rightsOn(member, folder.get()).map(rights -> rights.contains(Right.READ)).orElse(true);
            return reads ? Optional.empty() : Optional.of("read right on the selected folder removed");
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot read the rights of idling {} on her selected folder; closing her session", member.member().asString(), e);
            return Optional.of(UNDECIDABLE);
        }
    }

    /** Decided on the configuration and the selected folder's current name (its role is given by name); throws when that name cannot be read. */
    private Optional<String> revocation(SharedMailboxesConfiguration configuration, MemberSession member, ImapSession session) {
        Optional<Member> configured = configuration.find(member.sharedMailbox()).flatMap(shared -> shared.member(member.member()));
        if (configured.isEmpty()) {
            return Optional.of("no longer a member of " + member.sharedMailbox().asString());
        }
        boolean readable = access.selectedFolder(session)
            .map(folder -> MemberAcl.roleOn(configured.get(), folder).map(Rights::of).orElse(Rights.NONE).contains(Right.READ))
            .orElse(true);
        return readable ? Optional.empty() : Optional.of("read right on the selected folder removed");
    }

    /** Never throws before the {@code * BYE} is sent: the folder is named without a storage read. */
    private void close(ImapSession session, Idling entry, String reason) {
        idling.remove(session);
        String folder = access.selectedFolderName(session).map(MailboxPath::getName).orElse("");
        audit.sessionClosed(entry.member(), folder, reason);
        session.executeSafely(() -> {
            entry.responder().respond(factory.bye(MemberCommandGuard.byeText(entry.member(), reason)));
            entry.responder().flush();
            session.logout().subscribe(
                done -> { },
                error -> LOGGER.warn("Could not log out the revoked session of {}", entry.member().member().asString(), error),
                () -> closeConnection(session));
        });
    }

    /**
     * James 3.8.1 closes a connection only after a command leaves the session in LOGOUT; an IDLE
     * session sends none, and {@link ImapSession} has no close. Its Netty session holds the
     * channel: closed through it, else the client is left with the BYE (RFC 3501 section 7.1.5
     * says the server is about to close) and James's own idle timeout.
     */
    private static void closeConnection(ImapSession session) {
        for (Class<?> type = session.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType().getName().equals("io.netty.channel.Channel")) {
                    try {
                        field.setAccessible(true);
                        Object channel = field.get(session);
                        channel.getClass().getMethod("close").invoke(channel);
                        return;
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        LOGGER.warn("Could not close the connection of a revoked IMAP session", e);
                        return;
                    }
                }
            }
        }
    }
}
