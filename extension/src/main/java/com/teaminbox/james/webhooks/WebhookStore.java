package com.teaminbox.james.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.mailrepository.api.MailKey;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.james.common.MailSession;

/**
 * The webhook state kept in James's mail repositories under a {@code <webhooks repository>} URL,
 * so that it survives a restart and is seen by every node sharing the storage:
 * {@code pending/} (deliveries to try), {@code recent/} (finished ones, the last
 * {@value #RECENT_KEPT} or so, for WebAdmin and replays), {@code disabled/} (one entry per disabled
 * endpoint).
 *
 * <p>One node's threads take turns (the methods are synchronized): James's file repository
 * locks each entry while it reads or writes it, and refuses a second reader or writer instead of
 * waiting. Other nodes' writes are the repository's own concern (Cassandra on a cluster).
 */
final class WebhookStore {
    static final int RECENT_KEPT = 500;
    private static final int RECENT_PRUNED_ABOVE = RECENT_KEPT + 100;
    private static final AttributeName DISABLED_REASON = AttributeName.of("teaminbox.webhook.disabledReason");
    private static final AttributeName DISABLED_AT = AttributeName.of("teaminbox.webhook.disabledAt");

    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookStore.class);

    private final MailRepository pending;
    private final MailRepository recent;
    private final MailRepository disabled;

    WebhookStore(MailRepositoryStore store, String baseUrl) throws MailRepositoryStore.MailRepositoryStoreException {
        this.pending = store.select(MailRepositoryUrl.from(baseUrl + "pending/"));
        this.recent = store.select(MailRepositoryUrl.from(baseUrl + "recent/"));
        this.disabled = store.select(MailRepositoryUrl.from(baseUrl + "disabled/"));
    }

    synchronized void savePending(PendingDelivery delivery) throws MessagingException {
        store(pending, delivery.asMail());
    }

    synchronized Optional<PendingDelivery> pending(String id) throws MessagingException {
        return read(pending, id).map(PendingDelivery::of);
    }

    synchronized List<String> pendingIds() throws MessagingException {
        List<String> ids = new ArrayList<>();
        Iterator<MailKey> keys = pending.list();
        keys.forEachRemaining(key -> ids.add(key.asString()));
        return ids;
    }

    /** Moves a finished delivery out of {@code pending/}; the oldest finished ones go once there are too many. */
    synchronized void finish(PendingDelivery delivery) throws MessagingException {
        store(recent, delivery.asMail());
        pending.remove(new MailKey(delivery.id()));
        if (recent.size() > RECENT_PRUNED_ABOVE) {
            List<PendingDelivery> finished = finished();
            finished.sort(Comparator.comparing(PendingDelivery::created));
            for (PendingDelivery old : finished.subList(0, Math.max(0, finished.size() - RECENT_KEPT))) {
                recent.remove(new MailKey(old.id()));
            }
        }
    }

    synchronized Optional<PendingDelivery> finished(String id) throws MessagingException {
        return read(recent, id).map(PendingDelivery::of);
    }

    synchronized List<PendingDelivery> finished() throws MessagingException {
        return all(recent);
    }

    synchronized List<PendingDelivery> allPending() throws MessagingException {
        return all(pending);
    }

    synchronized void removeFinished(String id) throws MessagingException {
        recent.remove(new MailKey(id));
    }

    private static List<PendingDelivery> all(MailRepository repository) throws MessagingException {
        List<PendingDelivery> deliveries = new ArrayList<>();
        Iterator<MailKey> keys = repository.list();
        while (keys.hasNext()) {
            String key = keys.next().asString();
            try {
                read(repository, key).map(PendingDelivery::of).ifPresent(deliveries::add);
            } catch (MessagingException | RuntimeException e) {
                // Removed or rewritten by another node while listed: it is not lost, the next listing sees it again.
                LOGGER.debug("Webhook delivery {} could not be read while listing", key, e);
            }
        }
        return deliveries;
    }

    /** The mail's attributes, the mail itself released: a file repository's mail holds a stream until disposed. */
    private static Optional<Mail> read(MailRepository repository, String key) throws MessagingException {
        Mail mail = repository.retrieve(new MailKey(key));
        if (mail == null) {
            return Optional.empty();
        }
        LifecycleUtil.dispose(mail);
        return Optional.of(mail);
    }

    private static void store(MailRepository repository, Mail mail) throws MessagingException {
        try {
            repository.store(mail);
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    synchronized void disable(String mailbox, String endpoint, String reason, Instant at) throws MessagingException {
        MimeMessage placeholder = new MimeMessage(MailSession.SHARED);
        placeholder.setText("TeamInbox webhook endpoint " + endpoint + " of " + mailbox + " is disabled: " + reason);
        placeholder.saveChanges();
        store(disabled, MailImpl.builder().name(endpointKey(mailbox, endpoint)).sender(MailAddress.nullSender())
            .addRecipient(new MailAddress("webhooks@teaminbox.invalid")).mimeMessage(placeholder)
            .addAttribute(new Attribute(DISABLED_REASON, AttributeValue.of(reason)))
            .addAttribute(new Attribute(DISABLED_AT, AttributeValue.of(at.toString())))
            .build());
    }

    /** @return whether it was disabled */
    synchronized boolean enable(String mailbox, String endpoint) throws MessagingException {
        MailKey key = new MailKey(endpointKey(mailbox, endpoint));
        boolean wasDisabled = read(disabled, key.asString()).isPresent();
        disabled.remove(key);
        return wasDisabled;
    }

    /** Why the endpoint is disabled and since when; empty when it is enabled. */
    synchronized Optional<String> disabledReason(String mailbox, String endpoint) throws MessagingException {
        Optional<Mail> found = read(disabled, endpointKey(mailbox, endpoint));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mail mail = found.get();
        String reason = mail.getAttribute(DISABLED_REASON).map(attribute -> String.valueOf(attribute.getValue().value())).orElse("");
        String at = mail.getAttribute(DISABLED_AT).map(attribute -> String.valueOf(attribute.getValue().value())).orElse("");
        return Optional.of(reason + (at.isEmpty() ? "" : " (since " + at + ")"));
    }

    /** File-name safe: the file repository names files after keys. */
    private static String endpointKey(String mailbox, String endpoint) {
        return "endpoint-" + HexFormat.of().formatHex((mailbox + "/" + endpoint).getBytes(UTF_8));
    }
}
