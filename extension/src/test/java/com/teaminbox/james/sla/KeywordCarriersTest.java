package com.teaminbox.james.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.LongStream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.events.RegistrationKey;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.ThreadId;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Which messages a customer's reply asks whether they carry $Resolved or $Pending. */
class KeywordCarriersTest {
    private static final Username SUPPORT = Username.of("support@example.test");
    private static final MailboxPath INBOX = MailboxPath.inbox(SUPPORT);

    private final EventBus eventBus = mock(EventBus.class);
    private final MailboxSession session = mock(MailboxSession.class);
    private final MessageManager folder = mock(MessageManager.class);
    private final MailboxId folderId = mock(MailboxId.class);
    private final List<EventListener.ReactiveEventListener> watches = new ArrayList<>();
    private final List<MessageUid> foundBySearch = new ArrayList<>();
    private final KeywordCarriers carriers = new KeywordCarriers(eventBus);

    @BeforeEach
    void setUp() throws Exception {
        when(folder.getId()).thenReturn(folderId);
        when(folder.search(any(SearchQuery.class), any(MailboxSession.class))).thenAnswer(invocation -> Flux.fromIterable(List.copyOf(foundBySearch)));
        when(eventBus.register(any(EventListener.ReactiveEventListener.class), any(RegistrationKey.class))).thenAnswer(invocation -> {
            watches.add(invocation.getArgument(0));
            Registration registration = () -> Mono.empty();
            return Mono.just(registration);
        });
    }

    @Test
    void aFolderWhereNoMessageCarriesTheKeywordsShouldBeSearchedOnceThenNotAgain() throws Exception {
        assertThat(carriers.candidates(folder, session)).contains(Set.of());
        assertThat(carriers.candidates(folder, session)).contains(Set.of());
        assertThat(carriers.candidates(folder, session)).contains(Set.of());

        verify(folder, times(1)).search(any(SearchQuery.class), any(MailboxSession.class));
    }

    @Test
    void messagesTheFirstSearchFindsShouldBeCandidates() throws Exception {
        foundBySearch.add(MessageUid.of(7));

        assertThat(carriers.candidates(folder, session)).contains(Set.of(MessageUid.of(7)));
    }

    @Test
    void aMessageStoredWithAKeywordShouldBecomeACandidateWhateverStoredIt() throws Exception {
        carriers.candidates(folder, session);

        // A rule's keyword at delivery, a member's APPEND, a COPY or MOVE: an Added event with the flags.
        hear(added(MessageUid.of(3), new Flags("$resolved")));

        assertThat(carriers.candidates(folder, session)).contains(Set.of(MessageUid.of(3)));
    }

    @Test
    void aKeywordSetOrRemovedLaterShouldBeFollowed() throws Exception {
        carriers.candidates(folder, session);

        // A member's STORE, the account's own session, JMAP, an administrator's tool, the SLA itself.
        hear(flagsUpdated(MessageUid.of(4), new Flags(), new Flags("$Pending")));
        assertThat(carriers.candidates(folder, session)).contains(Set.of(MessageUid.of(4)));

        hear(flagsUpdated(MessageUid.of(4), new Flags("$Pending"), new Flags("$Other")));
        assertThat(carriers.candidates(folder, session)).contains(Set.of());
    }

    @Test
    void onlyAWatchedFolderWithoutCarriersShouldBeKnownWithoutReadingIt() throws Exception {
        assertThat(carriers.knownWithoutCarriers(folderId)).as("never searched").isFalse();
        carriers.candidates(folder, session);
        assertThat(carriers.knownWithoutCarriers(folderId)).isTrue();

        hear(flagsUpdated(MessageUid.of(4), new Flags(), new Flags("$Resolved")));
        assertThat(carriers.knownWithoutCarriers(folderId)).as("a carrier heard of").isFalse();

        hear(flagsUpdated(MessageUid.of(4), new Flags("$Resolved"), new Flags()));
        assertThat(carriers.knownWithoutCarriers(folderId)).isTrue();
    }

    @Test
    void anExpungedMessageShouldNoLongerBeACandidate() throws Exception {
        foundBySearch.add(MessageUid.of(5));
        carriers.candidates(folder, session);

        hear(new MailboxEvents.Expunged(MailboxSession.SessionId.of(1), SUPPORT, INBOX, folderId,
            new TreeMap<>(Map.of(MessageUid.of(5), metaData(MessageUid.of(5), new Flags("$Resolved")))), Event.EventId.random()));

        assertThat(carriers.candidates(folder, session)).contains(Set.of());
    }

    @Test
    void aMessageWithOtherKeywordsOnlyShouldNotBeACandidate() throws Exception {
        carriers.candidates(folder, session);

        hear(added(MessageUid.of(3), new Flags("$Billing")));

        assertThat(carriers.candidates(folder, session)).contains(Set.of());
    }

    @Test
    void tooManyCandidatesShouldLetTheCallerSearchTheWholeFolder() throws Exception {
        LongStream.rangeClosed(1, KeywordCarriers.MAX_CANDIDATES + 1).forEach(uid -> foundBySearch.add(MessageUid.of(uid)));

        assertThat(carriers.candidates(folder, session)).isEqualTo(Optional.empty());
    }

    @Test
    void aDeletedFolderShouldBeForgotten() throws Exception {
        carriers.candidates(folder, session);

        hear(new MailboxEvents.MailboxDeletion(MailboxSession.SessionId.of(1), SUPPORT, INBOX, null, null, null, null, folderId,
            Event.EventId.random()));

        assertThat(carriers.watchedCount()).isZero();
    }

    @Test
    void eventsThatChangeNoCandidateShouldBeDeclinedSoTheBusSkipsTheWatch() throws Exception {
        foundBySearch.add(MessageUid.of(5));
        carriers.candidates(folder, session);
        EventListener.ReactiveEventListener watch = watches.get(0);

        // The usual traffic of a folder: a delivery without these keywords, a poller's \Deleted and expunge of other messages.
        assertThat(watch.isHandling(added(MessageUid.of(3), new Flags("$Billing")))).isFalse();
        assertThat(watch.isHandling(flagsUpdated(MessageUid.of(3), new Flags(), new Flags(Flags.Flag.DELETED)))).isFalse();
        assertThat(watch.isHandling(expunged(MessageUid.of(3)))).isFalse();

        assertThat(watch.isHandling(added(MessageUid.of(6), new Flags("$Resolved")))).isTrue();
        assertThat(watch.isHandling(flagsUpdated(MessageUid.of(3), new Flags(), new Flags("$pending")))).isTrue();
        assertThat(watch.isHandling(flagsUpdated(MessageUid.of(5), new Flags("$Resolved"), new Flags(Flags.Flag.DELETED)))).isTrue();
        assertThat(watch.isHandling(expunged(MessageUid.of(5)))).isTrue();
        assertThat(watch.isHandling(new MailboxEvents.MailboxDeletion(MailboxSession.SessionId.of(1), SUPPORT, INBOX, null, null, null, null,
            folderId, Event.EventId.random()))).isTrue();
    }

    /** As James's event bus delivers: only what the watch handles, through its reactive form on the dispatching thread. */
    private void hear(Event event) {
        for (EventListener.ReactiveEventListener watch : watches) {
            if (watch.isHandling(event)) {
                Mono.from(watch.reactiveEvent(event)).block();
            }
        }
    }

    private MailboxEvents.Expunged expunged(MessageUid uid) {
        return new MailboxEvents.Expunged(MailboxSession.SessionId.of(1), SUPPORT, INBOX, folderId,
            new TreeMap<>(Map.of(uid, metaData(uid, new Flags()))), Event.EventId.random());
    }

    private MailboxEvents.Added added(MessageUid uid, Flags flags) {
        SortedMap<MessageUid, MessageMetaData> added = new TreeMap<>();
        added.put(uid, metaData(uid, flags));
        return new MailboxEvents.Added(MailboxSession.SessionId.of(1), SUPPORT, INBOX, folderId, added, Event.EventId.random(), true);
    }

    private MailboxEvents.FlagsUpdated flagsUpdated(MessageUid uid, Flags before, Flags after) {
        return new MailboxEvents.FlagsUpdated(MailboxSession.SessionId.of(1), SUPPORT, INBOX, folderId,
            List.of(UpdatedFlags.builder().uid(uid).modSeq(ModSeq.of(2)).oldFlags(before).newFlags(after).build()), Event.EventId.random());
    }

    private static MessageMetaData metaData(MessageUid uid, Flags flags) {
        return new MessageMetaData(uid, ModSeq.of(1), flags, 10, new Date(), Optional.empty(), mock(MessageId.class),
            ThreadId.fromBaseMessageId(mock(MessageId.class)));
    }
}
