package com.teaminbox.james.mailets;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.mailet.StorageDirective;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.james.common.SpooledMessages;
import com.teaminbox.james.mailets.FolderLookup.StoredSince;

import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * The attempts to store one mail for one recipient, of which at most one stores it. A store can
 * fail after its message was stored: James 3.8.1's in-VM event bus (memory and JPA servers) throws
 * {@code ConcurrentModificationException} while dispatching the {@code Added} event when an IMAP
 * client selects or leaves the folder at that moment (its listener multimap is read without its
 * lock; fixed in James 3.9.0, "registrations multimap made fully thread safe", #2291), and
 * LocalDelivery's retry stored the mail a second time.
 *
 * <p>So a later attempt first looks at the messages stored since the first one began and, when one
 * carries this mail's Message-ID, answers with it instead of storing again. "Since" is a UID the
 * first attempt's message cannot be below, and its start: the appender gives a delivered message
 * the time it stores it as internal date. The UID costs the first attempt nothing in the usual
 * case: it is the one above the last message this node stored in that folder (a UID is never given
 * twice in a folder, so the first attempt's is higher); only a folder this node has not delivered to
 * yet since it started (or beyond {@link #MAX_FOLDERS}) is asked for its next UID before the
 * first attempt. A mail without Message-ID, or a folder that cannot be read, is retried as James
 * does. A different mail with the same Message-ID stored in the same folder after the first attempt
 * began counts as this one: the same message, kept once.
 *
 * <p>Every attempt, and the look before it, runs on the caller's thread and blocks until James's
 * mailbox answers ({@link SpoolDelivery}: the spool thread, which James's LocalDelivery blocks too).
 */
final class AppendOnce {
    /** Bounded memory: past this many folders, the others are asked for their next UID before each first attempt. */
    static final int MAX_FOLDERS = 10_000;
    /** The internal dates compared come from this machine's clock, read twice: room for it to step back a little. */
    static final Duration CLOCK_STEP = Duration.ofSeconds(1);
    private static final long CLOCK_STEP_MILLIS = CLOCK_STEP.toMillis();
    private static final Logger LOGGER = LoggerFactory.getLogger(AppendOnce.class);

    private final MailboxAppender delegate;
    private final FolderLookup folders;
    /** The last message this node stored in each folder. */
    private final Map<Folder, ComposedMessageId> lastStored = new ConcurrentHashMap<>();

    /**
     * A folder of an account, the key of {@link #lastStored}. Not a record: a record's
     * {@code equals} and {@code hashCode} go through method handles, slow until the JIT's last tier;
     * here the hash is computed once. Every delivery looks its folder up once (issue 18).
     */
    private static final class Folder {
        private final Username owner;
        private final String name;
        private final int hash;

        private Folder(Username owner, String name) {
            this.owner = owner;
            this.name = name;
            this.hash = 31 * owner.hashCode() + name.hashCode();
        }

        Username owner() {
            return owner;
        }

        String name() {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            return other instanceof Folder folder && hash == folder.hash && name.equals(folder.name) && owner.equals(folder.owner);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** {@code delegate}: James's {@code MailboxAppenderImpl} in the server (the folder, its creation, flags, the delivery's event). */
    AppendOnce(MailboxAppender delegate, FolderLookup folders) {
        this.delegate = delegate;
        this.folders = folders;
    }

    /** The attempts of {@code message} for the folder {@code directive} names in {@code owner}'s account: none made yet. */
    Attempts attempts(MimeMessage message, Username owner, StorageDirective directive) throws MessagingException {
        Optional<String> folderName = directive.getTargetFolder();
        if (folderName.isEmpty()) {
            throw new MessagingException("No target folder for " + owner.asString());
        }
        return new Attempts(message, owner, directive, new Folder(owner, folderName.get()), messageId(message));
    }

    /** The Message-ID, stripped; null without one (or a blank one): a mail then is retried as James does. */
    private static String messageId(MimeMessage message) throws MessagingException {
        String messageId = message.getMessageID();
        if (messageId == null) {
            return null;
        }
        String stripped = messageId.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /**
     * The attempts of one mail for one recipient, one object per mail: each {@link #attempt()} is one.
     * Not Optional and lambda chains: every delivery passes here, on code the JIT has often not
     * compiled past C1 (issue 18).
     */
    final class Attempts {
        private final MimeMessage message;
        private final Username owner;
        private final StorageDirective directive;
        private final Folder folder;
        private final String messageId;
        /** False until the first attempt; then where its message can be, when that can be known (else null). */
        private boolean attempted;
        private StoredSince since;
        /** What James's append is handed, written out at the first store (null until then): every attempt stores the same bytes. */
        private MimeMessage appended;

        private Attempts(MimeMessage message, Username owner, StorageDirective directive, Folder folder, String messageId) {
            this.message = message;
            this.owner = owner;
            this.directive = directive;
            this.folder = folder;
            this.messageId = messageId;
        }

        /** Stores the message, or finds the one an earlier attempt stored before failing; blocks until then. */
        ComposedMessageId attempt() throws MessagingException {
            if (!attempted) {
                since = messageId == null ? null : storedSince(folder, Instant.ofEpochMilli(System.currentTimeMillis() - CLOCK_STEP_MILLIS)).orElse(null);
                attempted = true;
                return store();
            }
            if (since != null) {
                Optional<ComposedMessageId> stored = folders.find(owner, folder.name(), since, messageId);
                if (stored.isPresent()) {
                    LOGGER.warn("Delivery of {} to {} of {} failed after storing it (as UID {}): not stored again", messageId,
                        folder.name(), owner.asString(), stored.get().getUid().asLong());
                    remember(folder, stored.get());
                    return stored.get();
                }
            }
            return store();
        }

        private ComposedMessageId store() throws MessagingException {
            if (appended == null) {
                appended = AppendedMessage.of(message, SpooledMessages.IN_HEAP_LIMIT_BYTES);
            }
            ComposedMessageId stored = blocking(delegate.append(appended, owner, directive));
            if (stored != null) {
                remember(folder, stored);
            }
            return stored;
        }
    }

    /** The appender's answer, waited for here; its own exception when it fails (Reactor wraps a checked one). */
    private static ComposedMessageId blocking(Publisher<ComposedMessageId> append) throws MessagingException {
        try {
            return Mono.from(append).block();
        } catch (RuntimeException e) {
            Throwable failure = Exceptions.unwrap(e);
            if (failure instanceof MessagingException messaging) {
                throw messaging;
            }
            throw e;
        }
    }

/** Without a read when this node stored in the folder before; else a read of the folder's next UID. */
    private Optional<StoredSince> storedSince(Folder folder, Instant at) {
        ComposedMessageId last = lastStored.get(folder);
        if (last != null) {
            return Optional.of(new StoredSince(Optional.of(last.getMailboxId()), last.getUid().next(), at));
        }
        return folders.nextUid(folder.owner(), folder.name()).map(uid -> new StoredSince(Optional.empty(), uid, at));
    }

    private void remember(Folder folder, ComposedMessageId stored) {
        if (lastStored.size() >= MAX_FOLDERS && !lastStored.containsKey(folder)) {
            return;
        }
        // Deliveries of one folder end in any order: keep the highest UID (of the latest folder of that name).
        lastStored.merge(folder, stored, (known, now) -> known.getMailboxId().equals(now.getMailboxId()) && known.getUid().compareTo(now.getUid()) > 0
            ? known : now);
    }

    /** How many folders this node remembers (tests). */
    int rememberedFolders() {
        return lastStored.size();
    }
}
