package com.teaminbox.james.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class FolderAclCacheTest {
    private static final MailboxPath INBOX = MailboxPath.inbox(Username.of("support@example.test"));
    private static final MailboxPath BILLING = MailboxPath.forUser(Username.of("support@example.test"), "Billing");
    private static final MailboxId INBOX_ID = mock(MailboxId.class);

    private final EventBus eventBus = mock(EventBus.class);
    private final List<EventListener.ReactiveEventListener> watches = new ArrayList<>();
    private final List<RegistrationKey> keys = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final FolderAclCache cache = new FolderAclCache(eventBus, nanos::get);
    private final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void setUp() {
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class))).thenAnswer(invocation -> {
            watches.add(invocation.getArgument(0));
            keys.add(invocation.getArgument(1));
            Registration registration = () -> Mono.empty();
            return Mono.just(registration);
        });
    }

    @Test
    void aFolderShouldBeReadUntilWatchedThenKeptUntilInvalidated() throws Exception {
        cache.acl(INBOX, this::read);
        assertThat(reads).as("read, watched, read again: a change during the first read is not lost").hasValue(2);
        cache.acl(INBOX, this::read);
        assertThat(reads).hasValue(2);

        cache.invalidate();
        cache.acl(INBOX, this::read);
        assertThat(reads).as("already watched: one read").hasValue(3);
        assertThat(keys).containsExactly(new MailboxIdRegistrationKey(INBOX_ID));
    }

    @Test
    void aclChangeRenameOrDeletionHeardForAWatchedFolderShouldInvalidate() throws Exception {
        for (Class<? extends Event> change : List.of(MailboxEvents.MailboxACLUpdated.class, MailboxEvents.MailboxRenamed.class,
            MailboxEvents.MailboxDeletion.class)) {
            cache.acl(INBOX, this::read);
            long before = cache.generation();

            hear(mock(change));

            assertThat(cache.generation()).as(change.getSimpleName()).isGreaterThan(before);
            assertThat(cache.cached(INBOX)).as(change.getSimpleName()).isEmpty();
        }
    }

    @Test
    void otherEventsOfAWatchedFolderShouldNotBeDelivered() throws Exception {
        cache.acl(INBOX, this::read);

        assertThat(watches.get(0).isHandling(mock(MailboxEvents.Added.class))).isFalse();
        assertThat(watches.get(0).isHandling(mock(MailboxEvents.FlagsUpdated.class))).isFalse();
    }

    @Test
    void aDeletedFolderShouldNoLongerBeWatched() throws Exception {
        cache.acl(INBOX, this::read);

        hear(mock(MailboxEvents.MailboxDeletion.class));

        assertThat(cache.watchedCount()).isZero();
    }

    @Test
    void aFolderNameShouldBeKeptUntilARenameIsHeard() throws Exception {
        AtomicInteger pathReads = new AtomicInteger();
        assertThat(cache.path(INBOX_ID, () -> {
            pathReads.incrementAndGet();
            return BILLING;
        })).isEqualTo(BILLING);
        assertThat(cache.knownPath(INBOX_ID)).contains(BILLING);

        hear(mock(MailboxEvents.MailboxRenamed.class));

        assertThat(cache.knownPath(INBOX_ID)).isEmpty();
        assertThat(pathReads).hasValue(1);
    }

    @Test
    void whatIsKeptShouldBeReadAgainAfterTheBackstopExpiry() throws Exception {
        cache.acl(INBOX, this::read);
        long before = cache.generation();

        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos() - 1);
        assertThat(cache.cached(INBOX)).as("under the expiry").isPresent();
        nanos.addAndGet(1);

        assertThat(cache.cached(INBOX)).as("at the expiry").isEmpty();
        assertThat(cache.generation()).isGreaterThan(before);
    }

    @Test
    void aMissingFolderShouldNotBeKept() {
        assertThatThrownBy(() -> cache.acl(INBOX, () -> {
            throw new MailboxNotFoundException(INBOX);
        })).isInstanceOf(MailboxNotFoundException.class);
        assertThat(cache.cached(INBOX)).isEmpty();
    }

    @Test
    void anAclReadWhileAnInvalidationHappensShouldBeUsedOnceAndNotKept() throws Exception {
        cache.acl(INBOX, this::read);
        cache.invalidate();

        MailboxACL read = cache.acl(INBOX, () -> {
            cache.invalidate();
            return new FolderAclCache.Folder(INBOX_ID, MailboxACL.EMPTY);
        });

        assertThat(read).isEqualTo(MailboxACL.EMPTY);
        assertThat(cache.cached(INBOX)).as("possibly stale").isEmpty();
    }

    /** Issue 18 review: with every member session in IDLE no command asks for the generation; the tick does. */
    @Test
    void theTickShouldApplyTheBackstopExpiryWithoutAnyCommand() throws Exception {
        AtomicInteger invalidations = new AtomicInteger();
        cache.whenInvalidated(invalidations::incrementAndGet);
        cache.acl(INBOX, this::read);

        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos());
        cache.tick();

        assertThat(invalidations).as("the idling sessions' review ran, with no acl() or cached() call").hasValue(1);
        cache.tick();
        assertThat(invalidations).as("once per expiry").hasValue(1);
    }

    /** Issue 18 review: the folder read second is another (X deleted, Y created at its name) and nothing listens to it. */
    @Test
    void anAclOfAnotherFolderReadAfterTheWatchStartedShouldNotBeKept() throws Exception {
        MailboxId replacement = mock(MailboxId.class);
        AtomicInteger calls = new AtomicInteger();

        MailboxACL read = cache.acl(INBOX, () -> calls.incrementAndGet() == 1
            ? new FolderAclCache.Folder(INBOX_ID, MailboxACL.EMPTY)
            : new FolderAclCache.Folder(replacement, MailboxACL.OWNER_FULL_ACL));

        assertThat(read).isEqualTo(MailboxACL.OWNER_FULL_ACL);
        assertThat(cache.cached(INBOX)).as("unwatched").isEmpty();
        assertThat(cache.watchedCount()).as("the first folder's watch, which may have missed its deletion, stopped").isZero();
    }

    /** Issue 18 review: a watch that cannot be registered must not refuse the member's command. */
    @Test
    void aFolderThatCannotBeWatchedShouldBeReadAndNotKept() throws Exception {
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class)))
            .thenReturn(Mono.error(new IllegalStateException("event bus down")));

        assertThat(cache.acl(INBOX, this::read)).isEqualTo(MailboxACL.EMPTY);
        assertThat(cache.cached(INBOX)).isEmpty();
        assertThat(cache.watchedCount()).isZero();
    }

    /** Issue 18 review: a registration that never completes must not hold the command forever. */
    @Test
    void aRegistrationThatDoesNotCompleteShouldLeaveTheFolderUnwatched() throws Exception {
        FolderAclCache quick = new FolderAclCache(eventBus, nanos::get, java.time.Duration.ofMillis(50));
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class))).thenReturn(Mono.never());

        assertThat(quick.acl(INBOX, this::read)).isEqualTo(MailboxACL.EMPTY);
        assertThat(quick.cached(INBOX)).isEmpty();
    }

    /** Issue 18 review: watches no read used since the previous expiry stop at the next one. */
    @Test
    void aWatchUnusedForABackstopExpiryShouldStop() throws Exception {
        cache.acl(INBOX, this::read);

        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos());
        cache.tick();
        assertThat(cache.watchedCount()).as("used since it started").isOne();

        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos());
        cache.tick();
        assertThat(cache.watchedCount()).as("unused since the previous expiry").isZero();

        cache.acl(INBOX, this::read);
        assertThat(cache.cached(INBOX)).as("watched again when read again").isPresent();
    }

    /** Issue 18 re-review: the event bus may add the listener after the wait gave up; it must not stay registered. */
    @Test
    void aRegistrationArrivingAfterTheWaitGaveUpShouldBeEnded() throws Exception {
        FolderAclCache quick = new FolderAclCache(eventBus, nanos::get, java.time.Duration.ofMillis(50));
        Sinks.One<Registration> late = Sinks.one();
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class))).thenReturn(late.asMono());
        AtomicInteger unregistered = new AtomicInteger();

        assertThat(quick.acl(INBOX, this::read)).isEqualTo(MailboxACL.EMPTY);
        late.tryEmitValue(() -> Mono.fromRunnable(unregistered::incrementAndGet));

        assertThat(unregistered).as("ended when it arrived").hasValue(1);
        assertThat(quick.watchedCount()).isZero();
        assertThat(quick.cached(INBOX)).isEmpty();
    }

    /** Issue 18 re-review: a deletion heard before the registration arrives stops the watch; its registration must be ended when it arrives. */
    @Test
    void aRegistrationOfAFolderDeletedBeforeItArrivedShouldBeEnded() throws Exception {
        AtomicInteger unregistered = new AtomicInteger();
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class))).thenAnswer(invocation -> {
            EventListener.ReactiveEventListener watch = invocation.getArgument(0);
            Mono.from(watch.reactiveEvent(mock(MailboxEvents.MailboxDeletion.class))).block();
            Registration registration = () -> Mono.fromRunnable(unregistered::incrementAndGet);
            return Mono.just(registration);
        });

        cache.acl(INBOX, this::read);

        assertThat(unregistered).as("ended when it arrived").hasValue(1);
        assertThat(cache.watchedCount()).isZero();
        assertThat(cache.cached(INBOX)).isEmpty();
    }

    /** Issue 18 re-review: a command's thread may see the expiry; stopping unused watches is the tick's work only. */
    @Test
    void anExpirySeenByACommandShouldNotStopWatchesButTheTickShould() throws Exception {
        cache.acl(INBOX, this::read);

        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos());
        assertThat(cache.cached(INBOX)).as("expired by a command").isEmpty();
        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos());
        assertThat(cache.cached(INBOX)).isEmpty();
        assertThat(cache.watchedCount()).as("not stopped on a command's thread").isOne();

        cache.tick();
        nanos.addAndGet(FolderAclCache.BACKSTOP_EXPIRY.toNanos());
        cache.tick();
        assertThat(cache.watchedCount()).as("unused since the tick's previous sweep").isZero();
    }

    private void hear(Event event) {
        Mono.from(watches.get(watches.size() - 1).reactiveEvent(event)).block();
    }

    private FolderAclCache.Folder read() {
        reads.incrementAndGet();
        return new FolderAclCache.Folder(INBOX_ID, MailboxACL.EMPTY);
    }
}
