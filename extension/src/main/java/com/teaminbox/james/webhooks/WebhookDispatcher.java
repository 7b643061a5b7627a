package com.teaminbox.james.webhooks;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import javax.mail.MessagingException;

import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.webhooks.DeliveryResult;
import com.teaminbox.core.webhooks.WebhookEndpoint;
import com.teaminbox.core.webhooks.WebhookNotice;
import com.teaminbox.core.webhooks.WebhookSettings;
import com.teaminbox.james.audit.AlertMails;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * Sends webhooks on its own threads, so that mail processing never waits for a receiver. A new
 * delivery is written to the {@link WebhookStore} by this node's writer thread and tried at once; a failed try is written back with its next time and
 * tried again then, by this node. A scan every {@value #SCAN_SECONDS} s (and at each start) picks
 * up what a restart left pending, and takes over deliveries another node left overdue by more than
 * {@link #TAKEOVER_GRACE} (a node that stopped), claiming each for the time of a try.
 */
@Singleton
public class WebhookDispatcher {
    static final long SCAN_SECONDS = 10;
    static final Duration TAKEOVER_GRACE = Duration.ofMinutes(1);
    /** A receiver's payload is small; a template that renders bigger is refused rather than sent. */
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final int SENDERS = 4;
    private static final int WRITE_QUEUE = 10_000;
    private static final Logger LOGGER = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final MailRepositoryStore repositories;
    private final SharedMailboxesConfigurationStore configurationStore;
    private final Provider<AuditTrail> auditTrail;
    private final AlertMails alertMails;
    private final Clock clock;
    private final WebhookSender sender;
    private final SecureRandom ids = new SecureRandom();
    private final Map<String, WebhookStore> stores = new ConcurrentHashMap<>();
    /** Ids this node has a timer or a thread for: scans do not schedule them twice. */
    private final Set<String> scheduled = ConcurrentHashMap.newKeySet();
    /** Whether each endpoint ({@code mailbox/endpoint}) is disabled, as last read: refreshed by every scan. */
    private final Map<String, Boolean> disabled = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Optional<Threads> threads = Optional.empty();

    @Inject
    public WebhookDispatcher(MailRepositoryStore repositories, SharedMailboxesConfigurationStore configurationStore,
                             Provider<AuditTrail> auditTrail, AlertMails alertMails, Clock clock) {
        this.repositories = repositories;
        this.configurationStore = configurationStore;
        this.auditTrail = auditTrail;
        this.alertMails = alertMails;
        this.clock = clock;
        this.sender = new WebhookSender(clock);
        configurationStore.whenLoaded(this::configured);
        configurationStore.inForce().ifPresent(this::configured);
    }

    /** The executors and scans start with the first configuration that has an endpoint. */
    private synchronized void configured(SharedMailboxesConfiguration configuration) {
        boolean anyEndpoint = configuration.sharedMailboxes().stream().anyMatch(mailbox -> !mailbox.webhooks().endpoints().isEmpty());
        if (anyEndpoint && threads.isEmpty()) {
            Threads started = new Threads();
            threads = Optional.of(started);
            started.timer.scheduleWithFixedDelay(this::scan, 0, SCAN_SECONDS, TimeUnit.SECONDS);
            LOGGER.info("Webhook dispatcher started on node {}", node());
        } else {
            threads.ifPresent(running -> running.timer.execute(this::scan));
        }
    }

    @PreDestroy
    public synchronized void stop() {
        threads.ifPresent(running -> {
            // Events heard but not yet stored are stored before James stops; their tries wait for the next start.
            running.writer.shutdown();
            try {
                running.writer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.timer.shutdownNow();
            running.senders.shutdownNow();
        });
        threads = Optional.empty();
    }

    /**
     * Called on the thread of the audited action: builds each delivery and hands it to this node's
     * writer thread, which stores it in the repository and schedules its first try. Mail
     * processing neither waits for the network nor for the repository (a burst of 1,000 events
     * measured three times slower mail delivery when each event was stored on the mail's own
     * thread: docs/benchmarks.md). While {@value #WRITE_QUEUE} events wait to be stored, the
     * next one is stored by the caller (backpressure, not loss). What waits in memory is lost if
     * the JVM dies in that moment: docs/webhooks.md says so.
     */
    void enqueue(List<WebhookNotice> notices) {
        for (WebhookNotice notice : notices) {
            String mailbox = notice.event().sharedMailbox();
            Optional<SharedMailbox> sharedMailbox = configurationStore.current().sharedMailboxes().stream()
                .filter(candidate -> candidate.address().asString().equals(mailbox)).findFirst();
            if (sharedMailbox.isEmpty()) {
                continue;
            }
            String id = newId();
            String body = notice.endpoint().template().map(template -> template.render(notice.event(), id)).orElseGet(notice.event()::toJson);
            Instant now = clock.instant();
            PendingDelivery delivery = new PendingDelivery(id, mailbox, notice.endpoint().name(), notice.event().type().wireName(), body, 0,
                now, now, node(), Optional.empty(), PendingDelivery.PENDING, "new", Optional.empty());
            Runnable store = () -> store(sharedMailbox.get().webhooks(), delivery);
            threads.ifPresentOrElse(running -> running.writer.execute(store), store);
        }
    }

    private void store(WebhookSettings settings, PendingDelivery delivery) {
        try {
            WebhookStore store = store(settings);
            if (delivery.body().getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                store.finish(delivery.withStatus(PendingDelivery.FAILED, "payload larger than " + MAX_PAYLOAD_BYTES + " bytes"));
                LOGGER.warn("Webhook {} to {} of {} not sent: its payload is larger than {} bytes", delivery.id(), delivery.endpoint(),
                    delivery.mailbox(), MAX_PAYLOAD_BYTES);
                return;
            }
            store.savePending(delivery);
            schedule(delivery, Duration.ZERO);
        } catch (MessagingException | MailRepositoryStore.MailRepositoryStoreException | RuntimeException e) {
            LOGGER.error("Webhook {} {} to {} of {} could not be stored and is lost", delivery.id(), delivery.type(), delivery.endpoint(),
                delivery.mailbox(), e);
        }
    }

    /** Tries a pending delivery again now, from its first attempt: the WebAdmin replay. */
    public Optional<PendingDelivery> replay(SharedMailbox mailbox, String id) throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        WebhookStore store = store(mailbox.webhooks());
        Optional<PendingDelivery> finished = store.finished(id).filter(delivery -> delivery.mailbox().equals(mailbox.address().asString()));
        if (finished.isEmpty()) {
            return Optional.empty();
        }
        PendingDelivery again = finished.get().replayed(node(), clock.instant());
        store.savePending(again);
        store.removeFinished(id);
        schedule(again, Duration.ZERO);
        return Optional.of(again);
    }

    /** Re-enables a disabled endpoint; what it missed can be replayed one by one. */
    public boolean enable(SharedMailbox mailbox, WebhookEndpoint endpoint, String administrator)
        throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        boolean wasDisabled = store(mailbox.webhooks()).enable(mailbox.address().asString(), endpoint.name());
        disabled.put(mailbox.address().asString() + "/" + endpoint.name(), false);
        if (wasDisabled) {
            record(AuditEvent.of(AuditEventType.WEBHOOK_ENABLED, AuditActor.administrator(administrator))
                .sharedMailbox(mailbox.address().asString()).decision("enabled").detail("endpoint", endpoint.name())
                .detail("host", endpoint.url().getHost()).build());
        }
        return wasDisabled;
    }

    public Optional<String> disabledReason(SharedMailbox mailbox, WebhookEndpoint endpoint)
        throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        return store(mailbox.webhooks()).disabledReason(mailbox.address().asString(), endpoint.name());
    }

    /** This mailbox's deliveries, pending and finished, newest first. */
    public List<PendingDelivery> deliveries(SharedMailbox mailbox) throws MessagingException, MailRepositoryStore.MailRepositoryStoreException {
        WebhookStore store = store(mailbox.webhooks());
        List<PendingDelivery> all = new ArrayList<>(store.allPending());
        all.addAll(store.finished());
        all.removeIf(delivery -> !delivery.mailbox().equals(mailbox.address().asString()));
        all.sort(Comparator.comparing(PendingDelivery::created).reversed());
        return all;
    }

    private void schedule(PendingDelivery delivery, Duration delay) {
        if (threads.isPresent() && scheduled.add(delivery.id())) {
            timer(delivery, delay);
        }
    }

    /** The id is in {@link #scheduled} until its try ends without a next one. */
    private void timer(PendingDelivery delivery, Duration delay) {
        Optional<Threads> running = threads;
        if (running.isEmpty()) {
            scheduled.remove(delivery.id());
            return;
        }
        String mailbox = delivery.mailbox();
        String id = delivery.id();
        running.get().timer.schedule(() -> running.get().senders.execute(() -> attempt(mailbox, id)),
            Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void attempt(String mailbox, String id) {
        inFlight.incrementAndGet();
        boolean again = false;
        try {
            Optional<SharedMailbox> sharedMailbox = configurationStore.current().sharedMailboxes().stream()
                .filter(candidate -> candidate.address().asString().equals(mailbox)).findFirst();
            if (sharedMailbox.isEmpty()) {
                LOGGER.warn("Webhook {} is for {}, no longer a shared mailbox: left pending", id, mailbox);
                return;
            }
            WebhookSettings settings = sharedMailbox.get().webhooks();
            WebhookStore store = store(settings);
            Optional<PendingDelivery> found = store.pending(id);
            if (found.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            PendingDelivery delivery = found.get();
            if (delivery.claimedUntil().filter(now::isBefore).isPresent() && !delivery.owner().equals(node())) {
                return;
            }
            Optional<WebhookEndpoint> endpoint = settings.endpoint(delivery.endpoint());
            if (endpoint.isEmpty()) {
                store.finish(delivery.withStatus(PendingDelivery.FAILED, "endpoint no longer configured"));
                return;
            }
            if (isDisabled(store, mailbox, delivery.endpoint())) {
                store.finish(delivery.withStatus(PendingDelivery.ENDPOINT_DISABLED, "endpoint disabled"));
                return;
            }
            store.savePending(delivery.claimed(node(), now.plus(settings.timeout()).plus(TAKEOVER_GRACE)));
            DeliveryResult result = sender.send(endpoint.get(), delivery, settings.timeout());
            again = settle(store, sharedMailbox.get(), endpoint.get(), delivery, result);
        } catch (MessagingException | MailRepositoryStore.MailRepositoryStoreException | RuntimeException e) {
            // Left as it was in the repository: the next scan tries it again.
            LOGGER.error("Webhook {} of {} could not be handled; the next scan tries again", id, mailbox, e);
        } finally {
            if (!again) {
                scheduled.remove(id);
            }
            inFlight.decrementAndGet();
        }
    }

    /** @return whether a next try is scheduled */
    private boolean settle(WebhookStore store, SharedMailbox mailbox, WebhookEndpoint endpoint, PendingDelivery delivery, DeliveryResult result)
        throws MessagingException {
        Instant now = clock.instant();
        switch (result.verdict()) {
            case DELIVERED:
                store.finish(delivery.tried(result.problem(), now, now, node(), PendingDelivery.DELIVERED));
                LOGGER.debug("Webhook {} {} delivered to {} after {} tries", delivery.id(), delivery.type(), endpoint.name(), delivery.attempts() + 1);
                return false;
            case DISABLE_ENDPOINT:
                store.finish(delivery.tried(result.problem(), now, now, node(), PendingDelivery.ENDPOINT_DISABLED));
                disable(store, mailbox, endpoint, "the receiver answered 410 Gone");
                return false;
            default:
                Optional<Instant> next = mailbox.webhooks().retries().next(delivery.attempts() + 1, delivery.created(), now, result.retryAfter(),
                    ThreadLocalRandom.current()::nextDouble);
                if (next.isPresent()) {
                    PendingDelivery retry = delivery.tried(result.problem(), now, next.get(), node(), PendingDelivery.PENDING);
                    store.savePending(retry);
                    timer(retry, Duration.between(now, next.get()));
                    LOGGER.debug("Webhook {} to {} failed ({}), try {} at {}", delivery.id(), endpoint.name(), result.problem(),
                        retry.attempts() + 1, next.get());
                    return true;
                }
                store.finish(delivery.tried(result.problem(), now, now, node(), PendingDelivery.FAILED));
                disable(store, mailbox, endpoint, "it kept failing for " + mailbox.webhooks().retries().giveUpAfter() + " (last: "
                    + result.problem() + ")");
                return false;
        }
    }

    private void disable(WebhookStore store, SharedMailbox mailbox, WebhookEndpoint endpoint, String reason) throws MessagingException {
        String address = mailbox.address().asString();
        if (store.disabledReason(address, endpoint.name()).isPresent()) {
            return;
        }
        store.disable(address, endpoint.name(), reason, clock.instant());
        disabled.put(address + "/" + endpoint.name(), true);
        // The host only: a chat's incoming-webhook URL holds its token in the path.
        String summary = "Webhook endpoint '" + endpoint.name() + "' of " + address + " (" + endpoint.url().getScheme() + "://"
            + endpoint.url().getHost() + ") is disabled: " + reason + ". Re-enable it over WebAdmin once the receiver works (docs/webhooks.md).";
        LOGGER.warn("{}", summary);
        record(AuditEvent.of(AuditEventType.WEBHOOK_DISABLED, AuditActor.system()).sharedMailbox(address).decision("disabled").reason(reason)
            .detail("endpoint", endpoint.name()).detail("host", endpoint.url().getHost()).build());
        alertMails.send(configurationStore.inForce().map(SharedMailboxesConfiguration::audit).orElse(AuditSettings.DEFAULT), summary);
    }

    private void record(AuditEvent event) {
        try {
            auditTrail.get().record(event);
        } catch (AuditUnavailableException e) {
            LOGGER.error("Could not record {}", event, e);
        }
    }

    private boolean isDisabled(WebhookStore store, String mailbox, String endpoint) throws MessagingException {
        String key = mailbox + "/" + endpoint;
        Boolean known = disabled.get(key);
        if (known != null) {
            return known;
        }
        boolean state = store.disabledReason(mailbox, endpoint).isPresent();
        disabled.put(key, state);
        return state;
    }

    /** Every pending delivery this node should try: its own (after a restart), and others' long overdue. */
    private void scan() {
        // Another node, or WebAdmin on another node, may have disabled or re-enabled an endpoint.
        disabled.clear();
        for (SharedMailbox mailbox : configurationStore.current().sharedMailboxes()) {
            if (mailbox.webhooks().endpoints().isEmpty()) {
                continue;
            }
            try {
                WebhookStore store = store(mailbox.webhooks());
                Instant now = clock.instant();
                for (String id : store.pendingIds()) {
                    if (scheduled.contains(id)) {
                        continue;
                    }
                    store.pending(id).filter(delivery -> delivery.mailbox().equals(mailbox.address().asString())).ifPresent(delivery -> {
                        boolean mine = delivery.owner().equals(node());
                        boolean abandoned = delivery.nextTry().plus(TAKEOVER_GRACE).isBefore(now)
                            && delivery.claimedUntil().filter(now::isBefore).isEmpty();
                        if (mine || abandoned) {
                            schedule(delivery, Duration.between(now, delivery.nextTry()));
                        }
                    });
                }
            } catch (MessagingException | MailRepositoryStore.MailRepositoryStoreException | RuntimeException e) {
                LOGGER.error("Webhook scan of {} failed; the next scan tries again", mailbox.address().asString(), e);
            }
        }
    }

    private WebhookStore store(WebhookSettings settings) throws MailRepositoryStore.MailRepositoryStoreException {
        WebhookStore store = stores.get(settings.repository());
        if (store != null) {
            return store;
        }
        // One instance per repository: its lock is what keeps this node's threads from colliding in it.
        synchronized (stores) {
            store = stores.get(settings.repository());
            if (store == null) {
                store = new WebhookStore(repositories, settings.repository());
                stores.put(settings.repository(), store);
            }
            return store;
        }
    }

    /** The audit trail's node name: stable across restarts, so a node finds its own pending deliveries again. */
    String node() {
        return configurationStore.inForce().flatMap(configuration -> configuration.audit().node()).orElseGet(WebhookDispatcher::hostName);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "james";
        }
    }

    /** {@code msg_} and 26 base-32 characters (128 bits): unique, and safe as a file name. */
    private String newId() {
        byte[] random = new byte[16];
        ids.nextBytes(random);
        StringBuilder id = new StringBuilder("msg_");
        BigInteger value = new BigInteger(1, random);
        String digits = value.toString(32);
        id.append("0".repeat(26 - digits.length())).append(digits);
        return id.toString();
    }

    /** Deliveries being tried right now on this node: the benchmark's drain condition. */
    int inFlight() {
        return inFlight.get();
    }

    private static final class Threads {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("teaminbox-webhook-timer"));
        private final ExecutorService senders = Executors.newFixedThreadPool(SENDERS, daemon("teaminbox-webhook-sender"));
        private final ExecutorService writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(WRITE_QUEUE),
            daemon("teaminbox-webhook-writer"), new ThreadPoolExecutor.CallerRunsPolicy());

        private static ThreadFactory daemon(String name) {
            AtomicInteger count = new AtomicInteger();
            return runnable -> {
                Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
        }
    }
}
