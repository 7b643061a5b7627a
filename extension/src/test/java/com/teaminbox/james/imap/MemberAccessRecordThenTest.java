package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.events.EventBus;
import org.apache.james.imap.api.ImapConstants;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.access.FolderAclCache;
import com.teaminbox.james.common.SharedAccounts;

import reactor.core.publisher.Mono;

/**
 * {@link MemberAccess#recordThen}: a member's read or change is recorded before it runs, both on
 * the thread James runs the command on (on another while the trail is in an outage); when the trail cannot take the record (defer), the member
 * gets {@code NO [UNAVAILABLE]} and the command does not run.
 */
class MemberAccessRecordThenTest {
    private static final Tag TAG = new Tag("a1");
    private static final Username SUPPORT = Username.of("support@example.test");
    private static final Username ALICE = Username.of("alice@example.test");
    private static final MailboxPath INBOX = MailboxPath.inbox(SUPPORT);

    private final List<String> happened = new CopyOnWriteArrayList<>();
    private final List<ImapResponseMessage> responses = new CopyOnWriteArrayList<>();
    private final ImapProcessor.Responder responder = new ImapProcessor.Responder() {
        @Override
        public void respond(ImapResponseMessage message) {
            responses.add(message);
        }

        @Override
        public void flush() {
        }
    };

    @Test
    void aMembersReadShouldBeRecordedThenRunBothOnTheThreadRunningTheCommand() throws Exception {
        String commandThread = Thread.currentThread().getName();
        MemberAccess access = access(event -> happened.add("recorded " + event.type().wireName() + " on " + Thread.currentThread().getName()));

        access.recordThen(session(), fetch(), responder, new UnpooledStatusResponseFactory(), read(), this::fetchRuns).block();

        assertThat(happened).containsExactly(
            "recorded message-read on " + commandThread,
            "FETCH ran on " + commandThread);
    }

    @Test
    void duringAnOutageTheReadShouldBeRecordedAndRunOffTheThreadRunningTheCommand() throws Exception {
        String commandThread = Thread.currentThread().getName();
        MemberAccess access = access(new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
                happened.add("recorded on " + Thread.currentThread().getName());
            }

            @Override
            public boolean inOutage() {
                return true;
            }
        });

        access.recordThen(session(), fetch(), responder, new UnpooledStatusResponseFactory(), read(), this::fetchRuns).block();

        assertThat(happened).hasSize(2).noneMatch(line -> line.endsWith(" on " + commandThread))
            .allMatch(line -> line.contains(" on boundedElastic-"));
    }

    @Test
    void aReadTheTrailCannotTakeShouldBeAnsweredUnavailableAndNotRun() throws Exception {
        MemberAccess access = access(event -> {
            throw new AuditUnavailableException("disk full", null);
        });

        access.recordThen(session(), fetch(), responder, new UnpooledStatusResponseFactory(), read(), this::fetchRuns).block();

        assertThat(happened).isEmpty();
        assertThat(responses).singleElement().isInstanceOfSatisfying(StatusResponse.class, response -> {
            assertThat(response.getServerResponseType()).isEqualTo(StatusResponse.Type.NO);
            assertThat(response.getTag()).isEqualTo(TAG);
            assertThat(response.getTextKey().getDefaultValue()).contains("[UNAVAILABLE]");
        });
    }

    @Test
    void nothingShouldBeRecordedBeforeTheCommandIsRun() throws Exception {
        MemberAccess access = access(event -> happened.add("recorded"));

        Mono<Void> command = access.recordThen(session(), fetch(), responder, new UnpooledStatusResponseFactory(), read(), this::fetchRuns);

        assertThat(happened).as("a command built but not run (e.g. a pipelined one still queued)").isEmpty();
        command.block();
        assertThat(happened).containsExactly("recorded", "FETCH ran on " + Thread.currentThread().getName());
    }

    private Mono<Void> fetchRuns() {
        return Mono.fromRunnable(() -> happened.add("FETCH ran on " + Thread.currentThread().getName()));
    }

    private static MemberAccess access(AuditTrail trail) {
        MemberAudit audit = new MemberAudit(trail, () -> SharedMailboxesConfiguration.EMPTY);
        return new MemberAccess(() -> SharedMailboxesConfiguration.EMPTY, mock(MailboxManager.class), mock(SharedAccounts.class), audit,
            new FolderAclCache(mock(EventBus.class)));
    }

    private static ImapSession session() throws Exception {
        MemberSession member = new MemberSession(new MailAddress(SUPPORT.asString()), new MailAddress(ALICE.asString()), ALICE,
            MemberAccess.openMemberSession(SUPPORT, ALICE));
        return SharedFolderView.asMember(mock(ImapSession.class), member);
    }

    private static FetchRequest fetch() {
        return new FetchRequest(true, new IdRange[] {new IdRange(7)}, FetchData.builder().fetch(FetchData.Item.UID).build(), TAG);
    }

    private static MemberAction read() {
        return MemberAction.of(AuditEventType.MESSAGE_READ, ImapConstants.FETCH_COMMAND.getName(), Optional.of(INBOX))
            .withMessages(new IdRange[] {new IdRange(7)}, true, Optional.empty());
    }
}
