package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.message.request.LsubRequest;
import org.apache.james.imap.message.request.NamespaceRequest;
import org.apache.james.imap.message.request.NoopRequest;
import org.apache.james.imap.message.request.UnsubscribeRequest;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.common.SharedAccounts;

import reactor.core.publisher.Mono;

/**
 * {@link SharedNamespaceCommands#route} for a person's own session: the commands of her own
 * folders (FETCH, STORE, NOOP... in her INBOX) are James's alone and cost no configuration read
 * nor address parse; a listing, a named folder or a shared folder selected still go through the
 * namespace.
 */
class SharedNamespaceRoutingTest {
    private static final Tag TAG = new Tag("a1");
    private static final Username ALICE = Username.of("alice@example.test");
    private static final Username SUPPORT = Username.of("support@example.test");

    private final AtomicInteger configurationReads = new AtomicInteger();
    private final SharedNamespaceCommands namespace = new SharedNamespaceCommands(() -> {
        configurationReads.incrementAndGet();
        return SharedMailboxesConfiguration.EMPTY;
    }, mock(SharedAccounts.class), mock(MemberAccess.class), new UnpooledStatusResponseFactory());

    @Test
    void aCommandInHerOwnSelectedFolderShouldBeJamesAloneWithoutReadingTheConfiguration() throws Exception {
        ImapSession own = session(Optional.of(MailboxPath.inbox(ALICE)));

        assertThat(namespace.route(fetch(), null, own, null, null)).isEmpty();
        assertThat(namespace.route(new NoopRequest(TAG), null, own, null, null)).isEmpty();
        assertThat(configurationReads).hasValue(0);
    }

    @Test
    void aCommandWithNothingSelectedShouldBeJamesAloneWithoutReadingTheConfiguration() throws Exception {
        assertThat(namespace.route(new NoopRequest(TAG), null, session(Optional.empty()), null, null)).isEmpty();
        assertThat(configurationReads).hasValue(0);
    }

    @Test
    void listingsNamedFoldersAndASharedSelectedFolderShouldStillGoThroughTheNamespace() throws Exception {
        ImapSession inOwnInbox = session(Optional.of(MailboxPath.inbox(ALICE)));
        List<ImapRequest> concerned = List.of(
            new NamespaceRequest(TAG),
            new ListRequest("", "*", TAG),
            new LsubRequest("", "*", TAG),
            new UnsubscribeRequest("Shared.support.INBOX", TAG),
            new CreateRequest("Shared.support.Escalations", TAG),
            new CopyRequest(new IdRange[] {new IdRange(1)}, "Archive", true, TAG));

        for (ImapRequest request : concerned) {
            int readsBefore = configurationReads.get();
            namespace.route(request, null, inOwnInbox, mock(MemberCommandGuard.class), mock(ImapProcessor.class));
            assertThat(configurationReads.get() - readsBefore).as(request.getCommand().getName()).isEqualTo(1);
        }
        ImapSession inSharedInbox = session(Optional.of(MailboxPath.inbox(SUPPORT)));
        int readsBefore = configurationReads.get();
        namespace.route(fetch(), null, inSharedInbox, mock(MemberCommandGuard.class), mock(ImapProcessor.class));
        assertThat(configurationReads.get() - readsBefore).as("FETCH in a shared folder").isEqualTo(1);
    }

    /** Issue 18 review: the selected shared folder's current name cannot be read (storage error): the COPY is refused, nothing escapes. */
    @Test
    void aCopyOutOfASharedFolderWhoseNameCannotBeReadShouldBeRefused() throws Exception {
        SharedAccounts accounts = mock(SharedAccounts.class);
        when(accounts.username(any())).thenReturn(SUPPORT);
        MemberAccess access = mock(MemberAccess.class);
        when(access.selectedFolder(any())).thenThrow(new IllegalStateException("storage down"));
        SharedMailboxesConfiguration configuration = ConfigurationFixture.configuration(ConfigurationFixture.support("", "")).current();
        SharedNamespaceCommands routing = new SharedNamespaceCommands(() -> configuration, accounts, access, new UnpooledStatusResponseFactory());
        MemberCommandGuard guard = mock(MemberCommandGuard.class);
        when(guard.admits(any(), any(), any())).thenReturn(Mono.just(true));
        when(guard.refuseUndecidable(any(), any(), any(), any())).thenReturn(Mono.empty());
        ImapSession own = session(Optional.of(MailboxPath.inbox(SUPPORT)));
        CopyRequest copy = new CopyRequest(new IdRange[] {new IdRange(1)}, "Archive", true, TAG);

        Optional<Mono<Void>> routed = routing.route(copy, mock(ImapProcessor.Responder.class), own, guard, mock(ImapProcessor.class));

        assertThat(routed).isPresent();
        routed.get().block();
        verify(guard).refuseUndecidable(any(), eq(copy), any(), any());
    }

    private static ImapSession session(Optional<MailboxPath> selectedFolder) throws Exception {
        ImapSession session = mock(ImapSession.class);
        MailboxSession mailboxSession = new MailboxSession(MailboxSession.SessionId.of(1), ALICE, Optional.empty(), List.of(),
            MailboxConstants.DEFAULT_DELIMITER, MailboxSession.SessionType.User);
        when(session.getMailboxSession()).thenReturn(mailboxSession);
        if (selectedFolder.isPresent()) {
            SelectedMailbox selected = mock(SelectedMailbox.class);
            MessageManager folder = mock(MessageManager.class);
            when(folder.getMailboxPath()).thenReturn(selectedFolder.get());
            when(selected.getMessageManager()).thenReturn(folder);
            when(session.getSelected()).thenReturn(selected);
        }
        return session;
    }

    private static FetchRequest fetch() {
        return new FetchRequest(true, new IdRange[] {new IdRange(7)}, FetchData.builder().fetch(FetchData.Item.UID).build(), TAG);
    }
}
