package com.teaminbox.james.access;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.james.common.EventRegistrations;

import reactor.core.publisher.Mono;

/**
 * The ACLs of shared accounts' folders, and the current names of the folders members have
 * selected, as members' IMAP commands last read them, so that deciding a command costs no storage
 * round trip. Both are forgotten (the {@link #generation()} grows, and every session decides afresh
 * at its next command) whenever one of them may have changed, whoever changed it and wherever:
 * <ul>
 *   <li>this node's provisioning and a member's own SETACL, DELETEACL, CREATE, RENAME, DELETE call
 *       {@link #invalidate()};</li>
 *   <li>every folder whose ACL or name is kept here is watched through James's event bus by its
 *       mailbox id ({@link MailboxIdRegistrationKey}, the key James's own IMAP selected mailbox
 *       listens on): its {@code MailboxACLUpdated}, {@code MailboxRenamed} (a parent's rename
 *       renames it too, with its own event) and {@code MailboxDeletion}, from the shared account's
 *       own login, WebAdmin, retention or another node, invalidate this node's cache. A group
 *       listener would not do: James 3.8.1 delivers a group's event to one node of a cluster,
 *       while a key registration's event goes to every node that registered the key. On one
 *       node the watch runs before the change returns (a synchronous listener), so the next
 *       command sees it.</li>
 *   <li>a backstop: whatever is kept is read again at least every {@link #BACKSTOP_EXPIRY}. A
 *       key registration's events are not stored for a node while its connection to the event
 *       bus is down (the RabbitMQ bus re-declares its queue after a reconnection), so a change
 *       made then would otherwise stay unseen. A thread of its own looks at the expiry every
 *       {@link #TICK}, so that sessions in IDLE, which send no command, are reviewed then too;
 *       that thread also stops, once per expiry, the watches no read used since its previous
 *       sweep (never a command's thread: stopping many watches takes as many event bus calls).</li>
 * </ul>
 * The configuration in force is applied on top at every command, so a removal or a downgrade in
 * the configuration never waits for this cache.
 */
@Singleton
public class FolderAclCache {
    /** Bounds memory: past it the cache starts again empty, which only costs reads. */
    static final int MAX_FOLDERS = 10_000;
    /** Bounds the watches: a folder past it is read at every command that needs it, never kept, until unused watches stop at an expiry. */
    static final int MAX_WATCHED = 10_000;
    /** How long what is kept may go unread again: a change no event reported stays unseen at most this and one {@link #TICK}. */
    public static final Duration BACKSTOP_EXPIRY = Duration.ofSeconds(30);
    /** How often the backstop expiry is looked at when no command asks. */
    static final Duration TICK = BACKSTOP_EXPIRY.dividedBy(6);
    /** The longest a command waits for the event bus to register a watch; past it the folder is not kept. */
    static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOGGER = LoggerFactory.getLogger(FolderAclCache.class);

    /** Reads one folder's id and ACL from the mailbox layer. */
    @FunctionalInterface
    public interface FolderReader {
        Folder read() throws MailboxException;
    }

    /** Reads a folder's current name by its id. */
    @FunctionalInterface
    public interface PathReader {
        MailboxPath read() throws MailboxException;
    }

    /** A folder as read from storage. */
    public record Folder(MailboxId id, MailboxACL acl) {
    }

    private final EventBus eventBus;
    private final LongSupplier nanoClock;
    private final Map<MailboxPath, MailboxACL> acls = new ConcurrentHashMap<>();
    private final Map<MailboxId, MailboxPath> paths = new ConcurrentHashMap<>();
    private final Map<MailboxId, Watch> watches = new ConcurrentHashMap<>();
    private final List<Runnable> invalidationListeners = new CopyOnWriteArrayList<>();
    /** Grows when a watch starts listening: a read begun after a watch's mark is covered by it. */
    private final AtomicLong listeningMarks = new AtomicLong();
    private final AtomicBoolean capReported = new AtomicBoolean();
    private final Duration registrationTimeout;
    /** Empty in unit tests, which tick by hand. */
    private final Optional<ScheduledExecutorService> ticker;
    /** Written under this object's lock, read without it. */
    private volatile long generation;
    private volatile long invalidatedAt;
    /** When the tick last stopped unused watches, and the generation then (tick thread only). */
    private long sweptAt;
    private long sweptGeneration;

    @Inject
    public FolderAclCache(EventBus eventBus) {
        this(eventBus, System::nanoTime, Optional.of(Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "teaminbox-folder-acl-backstop");
            thread.setDaemon(true);
            return thread;
        })), REGISTRATION_TIMEOUT);
    }

    FolderAclCache(EventBus eventBus, LongSupplier nanoClock) {
        this(eventBus, nanoClock, REGISTRATION_TIMEOUT);
    }

    FolderAclCache(EventBus eventBus, LongSupplier nanoClock, Duration registrationTimeout) {
        this(eventBus, nanoClock, Optional.empty(), registrationTimeout);
    }

    private FolderAclCache(EventBus eventBus, LongSupplier nanoClock, Optional<ScheduledExecutorService> ticker, Duration registrationTimeout) {
        this.eventBus = eventBus;
        this.registrationTimeout = registrationTimeout;
        this.nanoClock = nanoClock;
        this.invalidatedAt = nanoClock.getAsLong();
        this.sweptAt = invalidatedAt;
        this.ticker = ticker;
        ticker.ifPresent(executor -> executor.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * Applies the backstop expiry on a node where no command asks for the {@link #generation()}
     * (every member session in IDLE): their review ({@link #whenInvalidated}) must not wait for
     * a command. Also stops the watches unused since its previous sweep, once per expiry (only
     * here, off the commands' threads). Never throws: a scheduled task that throws is never run
     * again.
     */
    void tick() {
        try {
            generation();
            if (nanoClock.getAsLong() - sweptAt >= BACKSTOP_EXPIRY.toNanos()) {
                sweep();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("The backstop expiry of the folder ACL cache failed; trying again at the next tick", e);
        }
    }

    /**
     * Stops the watches no read used since the previous sweep. Nothing kept relies on them: a
     * watch is marked with the generation of whatever is kept under it ({@link #keep}), and what
     * was kept in an older generation than the current one is forgotten already, so no
     * invalidation is needed; a read that relies on a watch stopped here is not kept (no longer
     * watched).
     */
    private void sweep() {
        Map<MailboxId, Watch> stopped = new HashMap<>();
        synchronized (this) {
            long unusedBelow = sweptGeneration;
            watches.forEach((folder, watch) -> {
                if (watch.listeningMark != 0 && watch.usedAt.get() < unusedBelow && watches.remove(folder, watch)) {
                    stopped.put(folder, watch);
                }
            });
            sweptGeneration = generation;
            sweptAt = nanoClock.getAsLong();
        }
        stopped.forEach(FolderAclCache::unregister);
    }

    @PreDestroy
    public void stop() {
        ticker.ifPresent(ScheduledExecutorService::shutdownNow);
    }

    /**
     * The folder's ACL, from the cache or read (then kept, once its folder is watched); a folder
     * that does not exist is never kept.
     */
    public MailboxACL acl(MailboxPath folder, FolderReader reader) throws MailboxException {
        long readAt = generation();
        MailboxACL cached = acls.get(folder);
        if (cached != null) {
            return cached;
        }
        long marksBefore = listeningMarks.get();
        Folder read = reader.read();
        if (!listeningSince(read.id(), marksBefore)) {
            // nothing listened for this folder's changes during the read: listen, then read again
            MailboxId firstId = read.id();
            if (!watch(firstId)) {
                return read.acl();
            }
            readAt = generation();
            long marksBeforeSecondRead = listeningMarks.get();
            read = reader.read();
            if (!read.id().equals(firstId) && !listeningSince(read.id(), marksBeforeSecondRead)) {
                // another folder has the name now (the first deleted or renamed away, maybe before
                // its watch listened): nothing listens for this one; used once, and the first one's
                // watch, which may have missed its change, stops
                unwatch(firstId);
                return read.acl();
            }
        }
        MailboxACL acl = read.acl();
        keep(readAt, read.id(), () -> acls.put(folder, acl), acls);
        return acl;
    }

    public Optional<MailboxACL> cached(MailboxPath folder) {
        generation();
        return Optional.ofNullable(acls.get(folder));
    }

    /** The folder's current name, if it was read since the last change; no storage read. */
    public Optional<MailboxPath> knownPath(MailboxId folder) {
        generation();
        return Optional.ofNullable(paths.get(folder));
    }

    /** The folder's current name, known or read by its id (then kept, the folder being watched first). */
    public MailboxPath path(MailboxId folder, PathReader reader) throws MailboxException {
        Optional<MailboxPath> known = knownPath(folder);
        if (known.isPresent()) {
            return known.get();
        }
        boolean watched = watch(folder);
        long readAt = generation();
        MailboxPath read = reader.read();
        if (watched) {
            keep(readAt, folder, () -> paths.put(folder, read), paths);
        }
        return read;
    }

    /**
     * Keeps what was read while nothing changed since {@code readAt} (an invalidation during the
     * read may have made it stale) and while its folder is still watched (a watch stopped since
     * would not report its change).
     */
    private synchronized void keep(long readAt, MailboxId folder, Runnable put, Map<?, ?> into) {
        Watch watch = watches.get(folder);
        if (generation == readAt && watch != null) {
            // under this lock, as the sweep: a watch something is kept under is not stopped
            watch.used(readAt);
            if (into.size() >= MAX_FOLDERS) {
                into.clear();
            }
            put.run();
        }
    }

    /** Forgets every ACL and name: the next command of every member reads what it needs again. */
    public void invalidate() {
        synchronized (this) {
            forget();
        }
        invalidationListeners.forEach(Runnable::run);
    }

    private void forget() {
        generation++;
        invalidatedAt = nanoClock.getAsLong();
        acls.clear();
        paths.clear();
    }

    /**
     * Runs {@code listener} after every invalidation, on the invalidating thread (an event bus
     * dispatch, a member's command, the backstop's tick): it must not block. For sessions that
     * send no command (IDLE).
     */
    public void whenInvalidated(Runnable listener) {
        invalidationListeners.add(listener);
    }

    /**
     * Grows at every {@link #invalidate()}: what was decided from ACLs or names read before a change
     * is stale once it moved. Also grows once what is kept is older than {@link #BACKSTOP_EXPIRY}
     * (once per expiry, whichever thread sees it first: a command's or the tick's).
     */
    public long generation() {
        if (nanoClock.getAsLong() - invalidatedAt >= BACKSTOP_EXPIRY.toNanos()) {
            expire();
        }
        return generation;
    }

    private void expire() {
        synchronized (this) {
            if (nanoClock.getAsLong() - invalidatedAt < BACKSTOP_EXPIRY.toNanos()) {
                return; // another thread expired it
            }
            forget();
        }
        invalidationListeners.forEach(Runnable::run);
    }

    /** How many folders are watched (tests). */
    int watchedCount() {
        return watches.size();
    }

    private boolean listeningSince(MailboxId folder, long marksBefore) {
        Watch watch = watches.get(folder);
        if (watch == null) {
            return false;
        }
        watch.used(generation);
        return watch.listeningMark != 0 && watch.listeningMark <= marksBefore;
    }

    /** Stops watching the folder; what it covered is forgotten first. */
    private void unwatch(MailboxId folder) {
        Watch watch;
        synchronized (this) {
            watch = watches.get(folder);
            if (watch == null) {
                return;
            }
            forget();
            watches.remove(folder, watch);
        }
        unregister(folder, watch);
        invalidationListeners.forEach(Runnable::run);
    }

    /**
     * Stops the watch, already out of {@link #watches}; outside this object's lock: the event bus
     * may take its own. A registration that has not arrived yet is ended when it does.
     */
    private static void unregister(MailboxId folder, Watch watch) {
        EventRegistrations.stopQuietly(watch.stop(), "the ACL of folder " + folder.serialize());
    }

    /**
     * Starts watching the folder unless it is; false when it cannot be watched (too many, or the
     * event bus did not register it in time): then what is read for it is used once, not kept.
     */
    private boolean watch(MailboxId folder) {
        Watch existing = watches.get(folder);
        if (existing != null) {
            existing.used(generation);
            return existing.awaitListening();
        }
        if (watches.size() >= MAX_WATCHED) {
            if (capReported.compareAndSet(false, true)) {
                LOGGER.warn("{} folders are watched for ACL changes: the ACLs of others are read at every command that needs them, "
                    + "until watches unused for {} are stopped", MAX_WATCHED, BACKSTOP_EXPIRY);
            }
            return false;
        }
        Watch watch = new Watch(folder);
        existing = watches.putIfAbsent(folder, watch);
        if (existing != null) {
            existing.used(generation);
            return existing.awaitListening();
        }
        // Not Mono.block(timeout): its cancellation at the timeout does not stop the event bus from
        // adding the listener later, which nothing would then remove. The future is never cancelled:
        // a registration arriving after the wait gave up, or for a watch stopped meanwhile (its
        // folder deleted before the registration arrived), is ended when it arrives.
        CompletableFuture<Registration> registered = null;
        try {
            registered = Mono.from(eventBus.register(watch, new MailboxIdRegistrationKey(folder))).toFuture();
            Registration registration = registered.get(registrationTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (registration == null) {
                throw new IllegalStateException("the event bus completed the registration without one");
            }
            if (!watch.listen(registration)) {
                // stopped while registering (its folder deleted): not watched any more
                EventRegistrations.stopQuietly(registration, "the ACL of folder " + folder.serialize());
                return false;
            }
            return true;
        } catch (RuntimeException | ExecutionException | TimeoutException e) {
            notWatched(folder, watch, registered, e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notWatched(folder, watch, registered, e);
            return false;
        }
    }

    private void notWatched(MailboxId folder, Watch watch, CompletableFuture<Registration> registered, Exception e) {
        watches.remove(folder, watch);
        watch.fail();
        if (registered != null) {
            // runs at once if it arrived meanwhile
            registered.thenAccept(late -> EventRegistrations.stopQuietly(late, "the ACL of folder " + folder.serialize()));
        }
        LOGGER.warn("Cannot watch folder {} for ACL and name changes; its ACL and name are read at every command that needs them",
            folder.serialize(), e);
    }

    /** Invalidates the cache when the mailbox layer changes its folder's ACL or name, or deletes it; never blocks. */
    private final class Watch implements EventListener.ReactiveEventListener {
        private final MailboxId folder;
        private volatile Registration registration;
        /** 0 until listening; then the mark it started listening at. */
        private volatile long listeningMark;
        /** Set when its registration failed or it was stopped: a registration arriving then is ended by whoever receives it. */
        private volatile boolean failed;
        /**
         * The highest generation a read relied on this watch in (and whatever is kept under it was
         * kept in): the tick's sweep stops the watch once that is older than its previous sweep.
         */
        private final AtomicLong usedAt = new AtomicLong(generation);

        private Watch(MailboxId folder) {
            this.folder = folder;
        }

        private void used(long atGeneration) {
            if (usedAt.get() < atGeneration) {
                usedAt.accumulateAndGet(atGeneration, Math::max);
            }
        }

        /** False, the registration not taken, when the watch was stopped before it arrived: its receiver ends it. */
        private synchronized boolean listen(Registration registration) {
            if (failed) {
                return false;
            }
            this.registration = registration;
            this.listeningMark = listeningMarks.incrementAndGet();
            notifyAll();
            return true;
        }

        private synchronized void fail() {
            failed = true;
            notifyAll();
        }

        /** Marks it stopped; its registration to end, null if none arrived yet (then {@link #listen} refuses it). */
        private synchronized Registration stop() {
            fail();
            Registration arrived = registration;
            registration = null;
            return arrived;
        }

        /**
         * Waits for another thread's registration of this watch (a moment, once per folder), at
         * most the registration timeout: false (not watched) if it has not listened by then.
         */
        private synchronized boolean awaitListening() {
            long deadline = System.nanoTime() + registrationTimeout.toNanos();
            try {
                while (listeningMark == 0 && !failed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !failed;
        }

        @Override
        public boolean isHandling(Event event) {
            return event instanceof MailboxEvents.MailboxACLUpdated
                || event instanceof MailboxEvents.MailboxRenamed
                || event instanceof MailboxEvents.MailboxDeletion;
        }

        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            if (isHandling(event)) {
                invalidate();
                if (event instanceof MailboxEvents.MailboxDeletion) {
                    watches.remove(folder, this);
                    unregister(folder, this);
                }
            }
            return Mono.empty();
        }

        @Override
        public ExecutionMode getExecutionMode() {
            // Invalidated before the change returns (on this node): the next command decides afresh.
            return ExecutionMode.SYNCHRONOUS;
        }
    }
}
