package com.teaminbox.james.mailets;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.transport.mailets.delivery.MailboxAppender;
import org.apache.mailet.StorageDirective;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link MailboxAppender} whose attempts store a message at most once. James's delivery
 * ({@code MailDispatcher}) subscribes again to the append of a recipient when it fails, up to three
 * times; but an append can fail after its message was stored: James 3.8.1's in-VM event bus
 * (memory and JPA servers) throws {@code ConcurrentModificationException} while dispatching the
 * {@code Added} event when an IMAP client selects or leaves the folder at that moment (its
 * listener multimap is read without its lock; fixed in James 3.9.0, "registrations multimap made
 * fully thread safe", #2291), and the next attempt stored the mail a second time.
 *
 * <p>So the first attempt notes the folder's next UID; a later attempt first looks at the messages
 * stored since then and, when one carries this mail's Message-ID, answers with it instead of
 * storing again. A mail without Message-ID, or a folder that cannot be read, is retried as James
 * does. A different mail with the same Message-ID arriving in the same folder between two attempts
 * counts as this one: the same message, kept once.
 */
final class AppendOnce implements MailboxAppender {
    private static final Logger LOGGER = LoggerFactory.getLogger(AppendOnce.class);

    private final MailboxAppender delegate;
    private final FolderLookup folders;

    AppendOnce(MailboxAppender delegate, FolderLookup folders) {
        this.delegate = delegate;
        this.folders = folders;
    }

    @Override
    public Publisher<ComposedMessageId> append(MimeMessage message, Username owner, StorageDirective directive) throws MessagingException {
        Optional<String> messageId = Optional.ofNullable(message.getMessageID()).map(String::strip).filter(id -> !id.isEmpty());
        String folder = directive.getTargetFolder().orElseThrow(() -> new MessagingException("No target folder for " + owner.asString()));
        // Unset until the first attempt; then the folder's next UID before it, when it could be read.
        AtomicReference<Optional<MessageUid>> firstAttemptFrom = new AtomicReference<>();
        return Mono.defer(() -> {
            Optional<MessageUid> from = firstAttemptFrom.get();
            if (from == null) {
                // On the spooler's thread, which LocalDelivery blocks anyway.
                firstAttemptFrom.set(messageId.isPresent() ? folders.nextUid(owner, folder) : Optional.empty());
                return attempt(message, owner, directive);
            }
            // MailDispatcher retries on Reactor's parallel scheduler, where James's blocking mailbox calls throw.
            return Mono.fromCallable(() -> from.flatMap(uid -> folders.find(owner, folder, uid, messageId.orElseThrow())))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(stored -> {
                    if (stored.isEmpty()) {
                        return attempt(message, owner, directive);
                    }
                    LOGGER.warn("Delivery of {} to {} of {} failed after storing it (as UID {}): not stored again", messageId.orElseThrow(),
                        folder, owner.asString(), stored.get().getUid().asLong());
                    return Mono.just(stored.get());
                });
        });
    }

    private Mono<ComposedMessageId> attempt(MimeMessage message, Username owner, StorageDirective directive) {
        try {
            return Mono.from(delegate.append(message, owner, directive));
        } catch (MessagingException e) {
            return Mono.error(e);
        }
    }
}
