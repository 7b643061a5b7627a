package com.teaminbox.james.sla;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Singleton;
import javax.mail.Flags;

import org.apache.james.events.Event;
import org.apache.james.events.EventBus;
import org.apache.james.events.EventListener;
import org.apache.james.events.Registration;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.events.MailboxEvents;
import org.apache.james.mailbox.events.MailboxIdRegistrationKey;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.reactivestreams.Publisher;

import com.teaminbox.core.sla.facts.TicketFacts;
import com.teaminbox.james.common.EventRegistrations;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Which messages of a folder may carry {@code $Resolved} or {@code $Pending}, so that a customer's
 * reply asks only those whether its ticket is resolved or pending (the keyword stays the truth:
 * docs/sla.md), instead of searching the whole folder: on the memory backend a search tests every
 * message, and every customer reply on a ticket asked.
 *
 * <p>Why this cannot miss a way a keyword reaches a message: it does not listen to our audit
 * trail but to the mailbox layer itself. Every way ends there, with an {@code Added} event (a
 * delivery with a rule's keyword, a member's APPEND, COPY or MOVE, a restore) or a
 * {@code FlagsUpdated} event (a member's STORE, the account's own session, JMAP, an
 * administrator's tool, the SLA's own changes). Each folder is watched by its mailbox id
 * ({@link MailboxIdRegistrationKey}, the key IMAP IDLE uses, delivered to every node that
 * registered it), first, and then searched once for the keywords: a change before the search is in
 * its result, one after it is heard. What is kept may name more messages than carry a keyword (a
 * search result that a removal heard meanwhile overtook), never fewer; the caller reads the
 * messages named, so more costs a read, not a wrong answer. Across nodes an event arrives as fast
 * as the event bus carries it; so that a lost one is not missed for ever, a folder is searched
 * again after {@link #RESEARCH_AFTER}.
 *
 * <p>A watch hears every event of its folder, and most (each delivery without these keywords, the
 * pollers' {@code \Deleted} and expunges of messages it does not name) change nothing it keeps: it
 * declines them ({@link EventListener#isHandling}), and the event bus skips it without building a
 * delivery. It is a {@link EventListener.ReactiveEventListener}: a plain {@link EventListener}
 * would be wrapped by James into a hop to its blocking-call pool, the dispatching thread waiting,
 * for every event it takes.
 */
@Singleton
public class KeywordCarriers {
    /** Case does not matter: javax.mail's {@link Flags} compares user flags without regard to it (RFC 3501 keywords). */
    static final Flags WATCHED = watched();
    private static final String[] WATCHED_KEYWORDS = {TicketFacts.RESOLVED_KEYWORD, TicketFacts.PENDING_KEYWORD};
    /** Past this many messages that may carry a keyword, a folder is searched whole, as without this class. */
    static final int MAX_CANDIDATES = 16;
    /** Bounded memory: past this many watched folders, the others are searched whole. */
    static final int MAX_FOLDERS = 10_000;
    /** A folder is searched again this often, whatever its events said (what the search finds is added). */
    static final Duration RESEARCH_AFTER = Duration.ofMinutes(10);

    private final EventBus eventBus;
    private final Map<MailboxId, Watch> watches = new ConcurrentHashMap<>();

    @Inject
    public KeywordCarriers(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    private static Flags watched() {
        Flags flags = new Flags();
        flags.add(TicketFacts.RESOLVED_KEYWORD);
        flags.add(TicketFacts.PENDING_KEYWORD);
        return flags;
    }

    /** Whether {@code keywords} are among those this class follows. */
    static boolean follows(Set<String> keywords) {
        for (String keyword : keywords) {
            if (!WATCHED.contains(keyword)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The messages of {@code folder} that may carry {@code $Resolved} or {@code $Pending}; empty
     * when this node cannot tell (too many, too many folders watched): then search the folder whole.
     */
    public Optional<Set<MessageUid>> candidates(MessageManager folder, MailboxSession session) throws MailboxException {
        MailboxId id = folder.getId();
        Watch watch = watches.get(id);
        if (watch == null || System.nanoTime() - watch.staleAt > 0) {
            watch = watch(folder, id, session);
            if (watch == null) {
                return Optional.empty();
            }
        }
        Set<MessageUid> uids = Set.copyOf(watch.carriers.keySet());
        return uids.size() > MAX_CANDIDATES ? Optional.empty() : Optional.of(uids);
    }

    /**
     * Whether this node knows, without reading the folder, that none of its messages carries
     * {@code $Resolved} or {@code $Pending}: watched, not due for its search again, and no carrier
     * heard of. False means: ask {@link #candidates}.
     */
    public boolean knownWithoutCarriers(MailboxId id) {
        Watch watch = watches.get(id);
        return watch != null && System.nanoTime() - watch.staleAt <= 0 && watch.carriers.isEmpty();
    }

    /** How many folders are watched (tests). */
    int watchedCount() {
        return watches.size();
    }

    private synchronized Watch watch(MessageManager folder, MailboxId id, MailboxSession session) throws MailboxException {
        Watch watch = watches.get(id);
        if (watch == null) {
            if (watches.size() >= MAX_FOLDERS) {
                return null;
            }
            watch = new Watch(id);
            watch.registration = Mono.from(eventBus.register(watch, new MailboxIdRegistrationKey(id))).block();
            watches.put(id, watch);
        } else if (System.nanoTime() - watch.staleAt <= 0) {
            return watch;
        }
        // Heard before searched: a keyword set before this search is found by it, one after it is heard.
        SearchQuery query = SearchQuery.of(SearchQuery.or(SearchQuery.flagIsSet(TicketFacts.RESOLVED_KEYWORD),
            SearchQuery.flagIsSet(TicketFacts.PENDING_KEYWORD)));
        for (MessageUid uid : Flux.from(folder.search(query, session)).toIterable()) {
            watch.carriers.put(uid, Boolean.TRUE);
        }
        watch.staleAt = System.nanoTime() + RESEARCH_AFTER.toNanos();
        return watches.get(id) == watch ? watch : null;
    }

    private static boolean carries(Flags flags) {
        // an array kept, not WATCHED.getUserFlags(): that copies its table for each message of each event
        for (String keyword : WATCHED_KEYWORDS) {
            if (flags.contains(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** What one folder's events say of its messages' keywords; never blocks, so it runs on the dispatching thread. */
    private final class Watch implements EventListener.ReactiveEventListener {
        private final MailboxId id;
        private final Map<MessageUid, Boolean> carriers = new ConcurrentHashMap<>();
        private volatile Registration registration;
        /** When the next use searches the folder again (System.nanoTime); until the first search, now. */
        private volatile long staleAt = System.nanoTime();

        private Watch(MailboxId id) {
            this.id = id;
        }

        /**
         * Whether the event changes what is kept: a message stored with a keyword, a message whose
         * keywords now include one or which is kept, a kept message expunged, the folder deleted.
         * Declining the others cannot lose a carrier: every way a keyword arrives is taken.
         */
        @Override
        public boolean isHandling(Event event) {
            if (event instanceof MailboxEvents.Added added) {
                for (MessageMetaData message : added.getAdded().values()) {
                    if (carries(message.getFlags())) {
                        return true;
                    }
                }
                return false;
            }
            if (event instanceof MailboxEvents.FlagsUpdated updated) {
                for (UpdatedFlags flags : updated.getUpdatedFlags()) {
                    if (carries(flags.getNewFlags()) || carriers.containsKey(flags.getUid())) {
                        return true;
                    }
                }
                return false;
            }
            if (event instanceof MailboxEvents.Expunged expunged) {
                for (MessageUid uid : expunged.getUids()) {
                    if (carriers.containsKey(uid)) {
                        return true;
                    }
                }
                return false;
            }
            return event instanceof MailboxEvents.MailboxDeletion;
        }

        @Override
        public Publisher<Void> reactiveEvent(Event event) {
            if (event instanceof MailboxEvents.Added added) {
                for (Map.Entry<MessageUid, MessageMetaData> message : added.getAdded().entrySet()) {
                    if (carries(message.getValue().getFlags())) {
                        carriers.put(message.getKey(), Boolean.TRUE);
                    }
                }
            } else if (event instanceof MailboxEvents.FlagsUpdated updated) {
                for (UpdatedFlags flags : updated.getUpdatedFlags()) {
                    if (carries(flags.getNewFlags())) {
                        carriers.put(flags.getUid(), Boolean.TRUE);
                    } else {
                        carriers.remove(flags.getUid());
                    }
                }
            } else if (event instanceof MailboxEvents.Expunged expunged) {
                for (MessageUid uid : expunged.getUids()) {
                    carriers.remove(uid);
                }
            } else if (event instanceof MailboxEvents.MailboxDeletion) {
                watches.remove(id, this);
                stop();
            }
            return Mono.empty();
        }

        @Override
        public ExecutionMode getExecutionMode() {
            // Known before the change returns (on this node): a customer's reply after it asks the right messages.
            return ExecutionMode.SYNCHRONOUS;
        }

        private void stop() {
            EventRegistrations.stopQuietly(registration, "the keywords of folder " + id);
        }
    }
}
