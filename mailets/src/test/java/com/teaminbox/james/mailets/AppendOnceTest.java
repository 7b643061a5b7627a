package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.mailet.StorageDirective;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

/** What LocalDeliveryOnce adds to LocalDelivery: a retry never stores a mail that an attempt stored. */
class AppendOnceTest {
    private static final Username SUPPORT = Username.of("support@example.test");
    private static final StorageDirective INBOX = StorageDirective.builder().targetFolder("INBOX").build();
    private static final MailboxId FOLDER_ID = mock(MailboxId.class);
    private static final MessageId MESSAGE_ID = mock(MessageId.class);

    /** One folder: its messages by UID (from 1) with their Message-ID, and when each was stored. */
    private final List<String> folder = new CopyOnWriteArrayList<>();
    private final List<Instant> storedAt = new CopyOnWriteArrayList<>();
    private final AtomicInteger uidReads = new AtomicInteger();
    private final List<Thread> lookupThreads = new CopyOnWriteArrayList<>();
    private final List<Thread> appendThreads = new CopyOnWriteArrayList<>();
    private final FolderLookup lookup = new FolderLookup() {
        @Override
        public Optional<MessageUid> nextUid(Username owner, String name) {
            uidReads.incrementAndGet();
            return Optional.of(MessageUid.of(folder.size() + 1L));
        }

        @Override
        public Optional<ComposedMessageId> find(Username owner, String name, StoredSince since, String messageId) {
            lookupThreads.add(Thread.currentThread());
            assertThat(since.folder()).isIn(Optional.empty(), Optional.of(FOLDER_ID));
            for (int uid = (int) since.uid().asLong(); uid <= folder.size(); uid++) {
                if (folder.get(uid - 1).equals(messageId) && !storedAt.get(uid - 1).isBefore(since.at())) {
                    return Optional.of(id(uid));
                }
            }
            return Optional.empty();
        }
    };

    @Test
    void aRetryAfterAnAttemptThatStoredAndThenFailedShouldNotStoreAgain() throws Exception {
        // James 3.8.1: the message is written, then dispatching its Added event throws.
        MailboxAppender storesThenFails = failing(1, true);

        ComposedMessageId stored = deliverWithRetries(new AppendOnce(storesThenFails, lookup), message("<a@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>");
        assertThat(stored).isEqualTo(id(1));
    }

    @Test
    void aRetryAfterAnAttemptThatStoredNothingShouldStore() throws Exception {
        MailboxAppender failsBeforeStoring = failing(1, false);

        deliverWithRetries(new AppendOnce(failsBeforeStoring, lookup), message("<a@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>");
    }

    @Test
    void messagesAlreadyInTheFolderWithTheSameMessageIdShouldNotCountAsStoredByThisDelivery() throws Exception {
        store("<a@customer.test>", Instant.now());

        deliverWithRetries(new AppendOnce(failing(1, false), lookup), message("<a@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>", "<a@customer.test>");
    }

    @Test
    void withoutMessageIdARetryShouldStoreAgainAsJamesDoes() throws Exception {
        deliverWithRetries(new AppendOnce(failing(1, true), lookup), message(null));

        assertThat(folder).hasSize(2);
    }

    @Test
    void aFolderThatCannotBeReadShouldBeRetriedAsJamesDoes() throws Exception {
        FolderLookup unreadable = new FolderLookup() {
            @Override
            public Optional<MessageUid> nextUid(Username owner, String name) {
                return Optional.empty();
            }

            @Override
            public Optional<ComposedMessageId> find(Username owner, String name, StoredSince since, String messageId) {
                throw new AssertionError("nothing to look for");
            }
        };

        deliverWithRetries(new AppendOnce(failing(1, true), unreadable), message("<a@customer.test>"));

        assertThat(folder).hasSize(2);
    }

    @Test
    void aStoreThatKeepsFailingShouldFailEachAttemptWithTheAppendersException() throws Exception {
        AppendOnce.Attempts attempts = new AppendOnce(failing(Integer.MAX_VALUE, false), lookup).attempts(message("<a@customer.test>"), SUPPORT, INBOX);

        for (int attempt = 0; attempt <= SpoolDelivery.RETRIES; attempt++) {
            assertThatThrownBy(attempts::attempt).isInstanceOf(ConcurrentModificationException.class);
        }
        assertThat(folder).isEmpty();
    }

    @Test
    void aCheckedFailureOfTheAppenderShouldReachTheCallerUnwrapped() throws Exception {
        MailboxAppender refusing = (message, owner, directive) -> Mono.error(new MessagingException("Unable to access mailbox."));

        assertThatThrownBy(() -> new AppendOnce(refusing, lookup).attempts(message("<a@customer.test>"), SUPPORT, INBOX).attempt())
            .isExactlyInstanceOf(MessagingException.class)
            .hasMessage("Unable to access mailbox.");
    }

    @Test
    void everyAttemptAndTheLookBeforeARetryShouldRunOnTheCallersThread() throws Exception {
        // MailDispatcher retried on Reactor's parallel scheduler and AppendOnce then looked on boundedElastic (issue 18).
        deliverWithRetries(new AppendOnce(failing(2, true), lookup), message("<a@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>");
        assertThat(appendThreads).hasSize(1).containsOnly(Thread.currentThread());
        assertThat(lookupThreads).hasSize(1).containsOnly(Thread.currentThread());
    }

    @Test
    void theFirstAttemptShouldStoreWithoutLookingForTheMessage() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        FolderLookup counting = new FolderLookup() {
            @Override
            public Optional<MessageUid> nextUid(Username owner, String name) {
                return lookup.nextUid(owner, name);
            }

            @Override
            public Optional<ComposedMessageId> find(Username owner, String name, StoredSince since, String messageId) {
                lookups.incrementAndGet();
                return lookup.find(owner, name, since, messageId);
            }
        };

        deliverWithRetries(new AppendOnce(failing(0, false), counting), message("<a@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void aFolderThisNodeDeliveredToShouldNotBeReadBeforeTheFirstAttempt() throws Exception {
        AppendOnce appendOnce = new AppendOnce(failing(0, false), lookup);

        deliverWithRetries(appendOnce, message("<a@customer.test>"));
        deliverWithRetries(appendOnce, message("<b@customer.test>"));
        deliverWithRetries(appendOnce, message("<c@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>", "<b@customer.test>", "<c@customer.test>");
        assertThat(uidReads).as("the first delivery only").hasValue(1);
    }

    @Test
    void anotherAccountOrAnotherFolderShouldBeReadBeforeItsFirstAttemptAndThenRememberedApart() throws Exception {
        AppendOnce appendOnce = new AppendOnce(failing(0, false), lookup);
        StorageDirective archive = StorageDirective.builder().targetFolder("Archive").build();
        Username sales = Username.of("sales@example.test");

        for (int round = 0; round < 2; round++) {
            appendOnce.attempts(message("<a" + round + "@customer.test>"), SUPPORT, INBOX).attempt();
            appendOnce.attempts(message("<b" + round + "@customer.test>"), sales, INBOX).attempt();
            appendOnce.attempts(message("<c" + round + "@customer.test>"), SUPPORT, archive).attempt();
            // Equal, not the same objects: each delivery names its folder anew.
            appendOnce.attempts(message("<d" + round + "@customer.test>"), Username.of("support@example.test"),
                StorageDirective.builder().targetFolder("Archive").build()).attempt();
        }

        assertThat(uidReads).as("once per folder of an account, at its first delivery").hasValue(3);
        assertThat(appendOnce.rememberedFolders()).isEqualTo(3);
    }

    @Test
    void aRetryShouldFindItsMessageAboveOthersStoredSinceThisNodeLastDeliveredThere() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        // The first mail is stored; the second one's first attempt stores it, then fails.
        MailboxAppender appender = (message, owner, directive) -> Mono.fromCallable(() -> {
            store(String.valueOf(message.getMessageID()), Instant.now());
            if (attempts.incrementAndGet() == 2) {
                throw new ConcurrentModificationException("injected: dispatching the Added event");
            }
            return id(folder.size());
        });
        AppendOnce appendOnce = new AppendOnce(appender, lookup);
        deliverWithRetries(appendOnce, message("<a@customer.test>"));
        // A member's APPEND, another node's delivery: stored without this node knowing.
        store("<x@customer.test>", Instant.now());

        ComposedMessageId stored = deliverWithRetries(appendOnce, message("<b@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>", "<x@customer.test>", "<b@customer.test>");
        assertThat(stored).isEqualTo(id(3));
    }

    @Test
    void aMessageWithTheSameMessageIdStoredBeforeTheFirstAttemptShouldNotCountEvenAboveTheLastOneThisNodeStored() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        // The first mail is stored; the second one's first attempt fails before storing it.
        MailboxAppender appender = (message, owner, directive) -> Mono.fromCallable(() -> {
            if (attempts.incrementAndGet() == 2) {
                throw new ConcurrentModificationException("injected: before storing");
            }
            store(String.valueOf(message.getMessageID()), Instant.now());
            return id(folder.size());
        });
        AppendOnce appendOnce = new AppendOnce(appender, lookup);
        deliverWithRetries(appendOnce, message("<a@customer.test>"));
        // Appended by another way, with its original date, before the next delivery began.
        store("<b@customer.test>", Instant.now().minus(Duration.ofHours(1)));

        deliverWithRetries(appendOnce, message("<b@customer.test>"));

        assertThat(folder).containsExactly("<a@customer.test>", "<b@customer.test>", "<b@customer.test>");
    }

    private void store(String messageId, Instant at) {
        folder.add(messageId);
        storedAt.add(at);
    }

    /** As SpoolDelivery: the attempts of one recipient, tried again on failure, three retries. */
    private static ComposedMessageId deliverWithRetries(AppendOnce appendOnce, MimeMessage message) throws Exception {
        AppendOnce.Attempts attempts = appendOnce.attempts(message, SUPPORT, INBOX);
        for (int retry = 0; ; retry++) {
            try {
                return attempts.attempt();
            } catch (RuntimeException e) {
                if (retry == SpoolDelivery.RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** Fails the first {@code failures} attempts, storing the message first when {@code afterStoring}. */
    private MailboxAppender failing(int failures, boolean afterStoring) {
        AtomicInteger attempts = new AtomicInteger();
        return (message, owner, directive) -> Mono.fromCallable(() -> {
            appendThreads.add(Thread.currentThread());
            boolean fail = attempts.incrementAndGet() <= failures;
            if (!fail || afterStoring) {
                store(String.valueOf(message.getMessageID()), Instant.now());
            }
            if (fail) {
                throw new ConcurrentModificationException("injected: dispatching the Added event");
            }
            return id(folder.size());
        });
    }

    private static ComposedMessageId id(int uid) {
        return new ComposedMessageId(FOLDER_ID, MESSAGE_ID, MessageUid.of(uid));
    }

    private static MimeMessage message(String messageId) throws Exception {
        MimeMessageBuilder builder = MimeMessageBuilder.mimeMessageBuilder().setSubject("[SUP-1] Printer broken").setText("Hello");
        if (messageId != null) {
            builder.addHeader("Message-ID", messageId);
        }
        MimeMessage message = builder.build();
        if (messageId == null) {
            message.removeHeader("Message-ID");
        }
        return message;
    }
}
