package com.teaminbox.james.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.reactivestreams.Publisher;

import com.teaminbox.core.mailbox.FolderName;

import reactor.core.publisher.Mono;

/**
 * Whether a shared account still has a folder, asked of the mailbox layer once and then remembered
 * until the mailbox layer says the folder was deleted or renamed.
 *
 * <p>Why remembered this way: asking costs a mailbox session and a lookup per mail a rule files,
 * and a remembered "exists" that went stale would let LocalDelivery recreate a deleted folder
 * with none of the members' rights, where no member sees the mail. So only "exists" is
 * remembered, and each remembered folder is watched through James's event bus by its mailbox id
 * ({@link MailboxIdRegistrationKey}, the key IMAP IDLE uses, delivered to every node that
 * registered it): its {@code MailboxDeletion} or {@code MailboxRenamed} forgets it. On one node
 * the mailbox layer dispatches that event before the deletion returns; across nodes it arrives as
 * fast as the event bus carries it, the same window the uncached check had between the look and
 * the delivery. A missing folder is never remembered: it is asked again for each mail.
 *
 * <p>A watch hears every event of its folder (each delivery, flag change and expunge), so it is a
 * {@link EventListener.ReactiveEventListener} that declines all but the two it acts on
 * ({@link EventListener#isHandling}): the event bus then skips it without building its delivery.
 * A plain {@link EventListener} would be wrapped by James into a hop to its blocking-call pool,
 * with the dispatching thread waiting, for every event of the folder.
 */
@Singleton
public class KnownFolders {
    /** Bounded memory: past this many remembered folders, the others are asked each time. */
    static final int MAX_REMEMBERED = 10_000;

    private final MailboxManager mailboxManager;
    private final EventBus eventBus;
    private final Map<Key, Watch> remembered = new ConcurrentHashMap<>();

    @Inject
    public KnownFolders(MailboxManager mailboxManager, EventBus eventBus) {
        this.mailboxManager = mailboxManager;
        this.eventBus = eventBus;
    }

    /** Whether {@code account} has {@code folder}; INBOX always. */
    public boolean exists(Username account, FolderName folder) throws MailboxException {
        if (folder.equals(FolderName.INBOX)) {
            return true;
        }
        Key key = new Key(account, folder);
        if (remembered.containsKey(key)) {
            return true;
        }
        MailboxSession session = mailboxManager.createSystemSession(account);
        try {
            MailboxPath path = SharedAccounts.path(session, folder);
            MailboxId id;
            try {
                id = mailboxManager.getMailbox(path, session).getId();
            } catch (MailboxNotFoundException e) {
                return false;
            }
            if (remembered.size() < MAX_REMEMBERED) {
                remember(key, id, path, session);
            }
            return true;
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** How many folders are remembered (tests). */
    int rememberedCount() {
        return remembered.size();
    }

    private void remember(Key key, MailboxId id, MailboxPath path, MailboxSession session) {
        Watch watch = new Watch(key);
        watch.registration = Mono.from(eventBus.register(watch, new MailboxIdRegistrationKey(id))).block();
        // Watched before looking again: a deletion before this look is seen by it, one after is heard by the watch.
        boolean stillThere = Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(path, session)).block());
        if (!stillThere || remembered.putIfAbsent(key, watch) != null) {
            watch.stop();
            return;
        }
        if (watch.forgotten) {
            // The event came between the look and the putIfAbsent: the watch found nothing to remove.
            remembered.remove(key, watch);
            watch.stop();
        }
    }

    private record Key(Username account, FolderName folder) {
    }

    /** Forgets its folder when the mailbox layer deletes or renames it; never blocks, so it runs on the dispatching thread. */
    private final class Watch implements EventListener.ReactiveEventListener {
        private final Key key;
        private volatile Registration registration;
        private volatile boolean forgotten;

        private Watch(Key key) {
            this.key = key;
        }

        @Override
        public boolean isHandling(Event event) {
            return event instanceof MailboxEvents.MailboxDeletion || event instanceof MailboxEvents.MailboxRenamed;
        }

        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            if (isHandling(event)) {
                forgotten = true;
                remembered.remove(key, this);
                stop();
            }
            return Mono.empty();
        }

        @Override
        public ExecutionMode getExecutionMode() {
            // Forgotten before the deletion returns (on this node): the next mail asks again.
            return ExecutionMode.SYNCHRONOUS;
        }

        private void stop() {
            EventRegistrations.stopQuietly(registration, "folder " + key.folder() + " of " + key.account().asString());
        }
    }
}
