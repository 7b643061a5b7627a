package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.access.FolderAclCache;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class OpenMemberSessionsTest {
    private final List<AuditEvent> records = new ArrayList<>();
    private final SharedMailboxesConfigurationStore store = ConfigurationFixture.inForce(ConfigurationFixture.support("", ""));
    private final MemberAccess access = mock(MemberAccess.class);
    private final OpenMemberSessions sessions = new OpenMemberSessions(store, new UnpooledStatusResponseFactory(),
        new MemberAudit(records::add, store), access, mock(FolderAclCache.class));

    /** Every command of every session reports its start: while nobody idles that takes no lock (issue 18, imap13). */
    @Test
    void commandsShouldLookForTheirSessionAmongIdlingOnesOnlyWhileOneIdles() throws Exception {
        ImapSession idle = mock(ImapSession.class);
        ImapSession other = mock(ImapSession.class);
        assertThat(sessions.anyIdling()).isFalse();

        sessions.idling(idle, member(), mock(ImapProcessor.Responder.class), stamp());
        assertThat(sessions.anyIdling()).isTrue();

        sessions.commandStarted(other);
        assertThat(sessions.anyIdling()).as("the idling session still idles").isTrue();

        sessions.commandStarted(idle);
        assertThat(sessions.anyIdling()).isFalse();
    }

    /** Issue 18 review: naming the selected folder may need a storage read; a failing one must not keep a removed member connected. */
    @Test
    void aReloadShouldCloseEveryRemovedIdlingMemberEvenWhenTheSelectedFolderCannotBeRead() throws Exception {
        when(access.selectedFolder(any())).thenThrow(new IllegalStateException("storage down"));
        ImapProcessor.Responder first = mock(ImapProcessor.Responder.class);
        ImapProcessor.Responder second = mock(ImapProcessor.Responder.class);
        sessions.idling(session(), member(), first, stamp());
        sessions.idling(session(), member(), second, stamp());

        sessions.review(ConfigurationFixture.configuration(BOB_ONLY).current());

        verify(first).respond(any());
        verify(second).respond(any());
        assertThat(records).extracting(record -> record.reason().orElse(""))
            .containsExactly("no longer a member of support@example.test", "no longer a member of support@example.test");
    }

    /** Issue 18 review: a reload whose decision cannot be read closes the session (fail closed), and the review goes on. */
    @Test
    void aReloadShouldCloseAnIdlingMemberWhoseRightsCannotBeDecided() throws Exception {
        ImapSession undecidable = session();
        when(access.selectedFolder(undecidable)).thenThrow(new IllegalStateException("storage down"));
        ImapProcessor.Responder responder = mock(ImapProcessor.Responder.class);
        ImapProcessor.Responder removed = mock(ImapProcessor.Responder.class);
        sessions.idling(undecidable, member("bob@example.test"), responder, stamp());
        sessions.idling(session(), member(), removed, stamp());

        sessions.review(ConfigurationFixture.configuration(BOB_ONLY).current());

        verify(responder).respond(any());
        verify(removed).respond(any());
        assertThat(records).extracting(record -> record.reason().orElse(""))
            .containsExactlyInAnyOrder(OpenMemberSessions.UNDECIDABLE, "no longer a member of support@example.test");
    }

    /** Issue 18 review: a reload between the guard's decision on IDLE and the session being listed as idling is not missed. */
    @Test
    void aSessionEnteringIdleAfterAReloadItWasNotReviewedInShouldBeReviewed() throws Exception {
        SharedMailboxesConfiguration reloaded = ConfigurationFixture.configuration(BOB_ONLY).current();
        when(store.current()).thenReturn(reloaded);
        when(access.stamp()).thenReturn(new SessionDecisions.Stamp(reloaded, 0));
        ImapProcessor.Responder responder = mock(ImapProcessor.Responder.class);

        sessions.idling(session(), member(), responder, new SessionDecisions.Stamp(store.inForce().orElseThrow(), 0));

        verify(responder, timeout(10_000)).respond(any());
        assertThat(records).extracting(record -> record.reason().orElse("")).containsExactly("no longer a member of support@example.test");
    }

    /** Issue 18 review: N changes heard during a review make one more review, not N. */
    @Test
    void changesHeardDuringAReviewShouldMakeOneMoreReview() throws Exception {
        FolderAclCache cache = mock(FolderAclCache.class);
        OpenMemberSessions coalescing = new OpenMemberSessions(store, new UnpooledStatusResponseFactory(),
            new MemberAudit(records::add, store), access, cache);
        ArgumentCaptor<Runnable> invalidated = ArgumentCaptor.forClass(Runnable.class);
        verify(cache).whenInvalidated(invalidated.capture());
        CountDownLatch firstReviewStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reviews = new AtomicInteger();
        when(access.selectedFolder(any())).thenAnswer(invocation -> {
            if (reviews.incrementAndGet() == 1) {
                firstReviewStarted.countDown();
                release.await();
            }
            return Optional.empty();
        });
        coalescing.idling(session(), member(), mock(ImapProcessor.Responder.class), stamp());

        invalidated.getValue().run();
        firstReviewStarted.await();
        for (int i = 0; i < 5; i++) {
            invalidated.getValue().run();
        }
        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (coalescing.reviewsWanted() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(coalescing.reviewsWanted()).as("done").isZero();
        assertThat(reviews).as("the running review, then one for the five changes heard during it").hasValue(2);
    }

    /** Issue 18 re-review: a rights review that stops on an Error must not stop every later one (until a restart). */
    @Test
    void aRightsReviewStoppedByAnErrorShouldNotStopTheNextOnes() throws Exception {
        FolderAclCache cache = mock(FolderAclCache.class);
        OpenMemberSessions reviewing = new OpenMemberSessions(store, new UnpooledStatusResponseFactory(),
            new MemberAudit(records::add, store), access, cache, Schedulers.immediate());
        ArgumentCaptor<Runnable> invalidated = ArgumentCaptor.forClass(Runnable.class);
        verify(cache).whenInvalidated(invalidated.capture());
        AtomicInteger reviews = new AtomicInteger();
        when(access.selectedFolder(any())).thenAnswer(invocation -> {
            if (reviews.incrementAndGet() == 1) {
                throw new Error("not a RuntimeException");
            }
            return Optional.empty();
        });
        reviewing.idling(session(), member(), mock(ImapProcessor.Responder.class), stamp());

        invalidated.getValue().run();
        assertThat(reviews).as("the first review ran, and stopped").hasValue(1);
        assertThat(reviewing.reviewsWanted()).as("no review left running").isZero();

        invalidated.getValue().run();
        assertThat(reviews).as("a later change is reviewed").hasValue(2);
    }

    /** Issue 18 re-review: a rights review its scheduler refuses must not stop every later one. */
    @Test
    void aRightsReviewRefusedByItsSchedulerShouldNotStopTheNextOnes() throws Exception {
        FolderAclCache cache = mock(FolderAclCache.class);
        OpenMemberSessions reviewing = new OpenMemberSessions(store, new UnpooledStatusResponseFactory(),
            new MemberAudit(records::add, store), access, cache, refusingTheFirstTask());
        ArgumentCaptor<Runnable> invalidated = ArgumentCaptor.forClass(Runnable.class);
        verify(cache).whenInvalidated(invalidated.capture());
        AtomicInteger reviews = new AtomicInteger();
        when(access.selectedFolder(any())).thenAnswer(invocation -> {
            reviews.incrementAndGet();
            return Optional.empty();
        });
        reviewing.idling(session(), member(), mock(ImapProcessor.Responder.class), stamp());

        invalidated.getValue().run();
        assertThat(reviews).as("refused").hasValue(0);
        assertThat(reviewing.reviewsWanted()).isZero();

        invalidated.getValue().run();
        assertThat(reviews).as("a later change is reviewed").hasValue(1);
    }

    /** Issue 18 re-review: an idling session sends no command the guard could refuse: rights that cannot be read close it. */
    @Test
    void aRightsReviewThatCannotReadTheRightsShouldCloseTheIdlingSession() throws Exception {
        MailboxPath billing = MailboxPath.forUser(Username.of("support@example.test"), "Billing");
        when(access.selectedFolder(any())).thenReturn(Optional.of(billing));
        when(access.rightsOn(any(), any())).thenThrow(new MailboxException("storage down"));
        ImapProcessor.Responder responder = mock(ImapProcessor.Responder.class);
        sessions.idling(session(), member(), responder, stamp());

        sessions.reviewRights();

        verify(responder).respond(any());
        assertThat(records).extracting(record -> record.reason().orElse("")).containsExactly(OpenMemberSessions.UNDECIDABLE);
    }

    /** Runs tasks on the calling thread, but refuses the first one, as a saturated scheduler does. */
    private static Scheduler refusingTheFirstTask() {
        AtomicInteger tasks = new AtomicInteger();
        return new Scheduler() {
            @Override
            public Disposable schedule(Runnable task) {
                return createWorker().schedule(task);
            }

            @Override
            public Worker createWorker() {
                Worker immediate = Schedulers.immediate().createWorker();
                return new Worker() {
                    @Override
                    public Disposable schedule(Runnable task) {
                        if (tasks.incrementAndGet() == 1) {
                            throw new RejectedExecutionException("saturated");
                        }
                        return immediate.schedule(task);
                    }

                    @Override
                    public void dispose() {
                        immediate.dispose();
                    }
                };
            }
        };
    }

    /** The stamp the guard decided on, still current. */
    private SessionDecisions.Stamp stamp() {
        SessionDecisions.Stamp now = new SessionDecisions.Stamp(store.current(), 0);
        when(access.stamp()).thenReturn(now);
        return now;
    }

    private static final String BOB_ONLY = """
        <shared-mailboxes>
          <shared-mailbox address="support@example.test" ticket-prefix="SUP">
            <member address="bob@example.test" role="read-only"/>
          </shared-mailbox>
        </shared-mailboxes>
        """;

    private static ImapSession session() {
        ImapSession session = mock(ImapSession.class);
        when(session.getState()).thenReturn(ImapSessionState.SELECTED);
        when(session.logout()).thenReturn(Mono.empty());
        doAnswer(invocation -> {
            invocation.<Runnable>getArgument(0).run();
            return null;
        }).when(session).executeSafely(any());
        return session;
    }

    private static MemberSession member() throws Exception {
        return member("alice@example.test");
    }

    private static MemberSession member(String address) throws Exception {
        return new MemberSession(new MailAddress("support@example.test"), new MailAddress(address),
            Username.of(address), MemberAccess.openMemberSession(Username.of("support@example.test"), Username.of(address)));
    }
}
