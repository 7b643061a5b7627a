package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;

import reactor.core.publisher.Mono;

class KnownFoldersTest {
    private static final Username SUPPORT = Username.of("support@example.test");
    private static final FolderName BILLING = FolderName.of("Billing");

    private final MailboxManager mailboxManager = mock(MailboxManager.class);
    private final EventBus eventBus = mock(EventBus.class);
    private final List<EventListener.ReactiveEventListener> watches = new ArrayList<>();
    private final KnownFolders folders = new KnownFolders(mailboxManager, eventBus);

    @BeforeEach
    void setUp() throws Exception {
        MailboxSession session = mock(MailboxSession.class);
        when(session.getUser()).thenReturn(SUPPORT);
        when(session.getPathDelimiter()).thenReturn('.');
        when(mailboxManager.createSystemSession(SUPPORT)).thenReturn(session);
        MessageManager billing = mock(MessageManager.class);
        when(billing.getId()).thenReturn(mock(MailboxId.class));
        when(mailboxManager.getMailbox(any(MailboxPath.class), any(MailboxSession.class))).thenReturn(billing);
        when(mailboxManager.mailboxExists(any(MailboxPath.class), any(MailboxSession.class))).thenReturn(Mono.just(true));
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class))).thenAnswer(invocation -> {
            watches.add(invocation.getArgument(0));
            Registration registration = () -> Mono.empty();
            return Mono.just(registration);
        });
    }

    @Test
    void folderFoundOnceShouldNotBeAskedForAgain() throws Exception {
        assertThat(folders.exists(SUPPORT, BILLING)).isTrue();
        assertThat(folders.exists(SUPPORT, BILLING)).isTrue();

        verify(mailboxManager, times(1)).getMailbox(any(MailboxPath.class), any(MailboxSession.class));
    }

    @Test
    void folderDeletedSinceShouldBeAskedForAgainAndFoundMissing() throws Exception {
        assertThat(folders.exists(SUPPORT, BILLING)).isTrue();
        when(mailboxManager.getMailbox(any(MailboxPath.class), any(MailboxSession.class)))
            .thenThrow(new MailboxNotFoundException("Billing"));

        hear(mock(MailboxEvents.MailboxDeletion.class));

        assertThat(folders.exists(SUPPORT, BILLING)).isFalse();
    }

    @Test
    void folderRenamedSinceShouldBeAskedForAgain() throws Exception {
        folders.exists(SUPPORT, BILLING);

        hear(mock(MailboxEvents.MailboxRenamed.class));
        folders.exists(SUPPORT, BILLING);

        verify(mailboxManager, times(2)).getMailbox(any(MailboxPath.class), any(MailboxSession.class));
    }

    @Test
    void folderDeletedWhileBeingWatchedShouldNotBeRemembered() throws Exception {
        when(mailboxManager.mailboxExists(any(MailboxPath.class), any(MailboxSession.class))).thenReturn(Mono.just(false));

        folders.exists(SUPPORT, BILLING);

        assertThat(folders.rememberedCount()).isZero();
    }

    @Test
    void missingFolderShouldNeverBeRemembered() throws Exception {
        when(mailboxManager.getMailbox(any(MailboxPath.class), any(MailboxSession.class)))
            .thenThrow(new MailboxNotFoundException("Billing"));

        assertThat(folders.exists(SUPPORT, BILLING)).isFalse();
        assertThat(folders.exists(SUPPORT, BILLING)).isFalse();

        verify(mailboxManager, times(2)).getMailbox(any(MailboxPath.class), any(MailboxSession.class));
    }

    @Test
    void inboxShouldExistWithoutAsking() throws Exception {
        assertThat(folders.exists(SUPPORT, FolderName.INBOX)).isTrue();

        verify(mailboxManager, times(0)).createSystemSession(any());
    }

    @Test
    void aWatchShouldDeclineEveryEventButADeletionOrARenamingSoTheBusSkipsIt() throws Exception {
        folders.exists(SUPPORT, BILLING);

        assertThat(watches).singleElement().satisfies(watch -> {
            assertThat(watch.isHandling(mock(MailboxEvents.Added.class))).isFalse();
            assertThat(watch.isHandling(mock(MailboxEvents.FlagsUpdated.class))).isFalse();
            assertThat(watch.isHandling(mock(MailboxEvents.Expunged.class))).isFalse();
            assertThat(watch.isHandling(mock(MailboxEvents.MailboxDeletion.class))).isTrue();
            assertThat(watch.isHandling(mock(MailboxEvents.MailboxRenamed.class))).isTrue();
        });
    }

    @Test
    void aFolderShouldStayRememberedThroughTheEventsOfItsMail() throws Exception {
        folders.exists(SUPPORT, BILLING);

        hear(mock(MailboxEvents.Added.class));
        hear(mock(MailboxEvents.Expunged.class));

        assertThat(folders.rememberedCount()).isEqualTo(1);
    }

    /** As James's event bus delivers: only what the watch handles, through its reactive form on the dispatching thread. */
    private void hear(Event event) {
        for (EventListener.ReactiveEventListener watch : watches) {
            if (watch.isHandling(event)) {
                Mono.from(watch.reactiveEvent(event)).block();
            }
        }
    }
}
