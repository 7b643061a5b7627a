package com.teaminbox.james.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.Alert;
import com.teaminbox.core.audit.AlertRule;
import com.teaminbox.core.audit.AlertWindows;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditFailurePolicy;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * The audit trail of this James node: every event goes to {@link AuditStorage}, is counted in
 * James's metrics, and feeds the alert thresholds of the configuration in force. When storage
 * fails, the configured {@link AuditFailurePolicy} decides: {@code defer} throws to the caller
 * (SMTP 451, IMAP NO), {@code continue} lets the action go on and, once storage works again,
 * writes an {@code audit-gap} record saying how many records were lost.
 *
 * <p>Records are not repeated in the server log at INFO (DEBUG on {@code com.teaminbox.audit}).
 * Under {@code defer} a caller returns once its record is written (by the caller itself when the
 * writer thread sleeps, else in the writer's group with other callers' records:
 * {@link com.teaminbox.core.audit.AuditGroupCommit#append}) and listeners hear it then; under {@code continue} the caller goes on as soon as its record is queued, and
 * listeners hear it at that moment. During an outage every caller waits for its write again, so
 * that the trail's return is noticed, and recorded, by the first record that gets through.
 */
@Singleton
public class ServerAuditTrail implements AuditTrail {
    private static final Logger LOGGER = LoggerFactory.getLogger("com.teaminbox.audit");

    private final AuditStorage storage;
    private final ConfigurationInForce configurationStore;
    private final AuditMetrics metrics;
    private final AlertMails alertMails;
    private final Clock clock;
    private final AtomicReference<AlertWindows> alertWindows = new AtomicReference<>(new AlertWindows(List.of()));
    private final AuditGap gap = new AuditGap();
    /** Per type, the listeners that hear it ({@link AuditListener#heard}): a record no listener needs costs a lookup. */
    private final Map<AuditEventType, List<AuditListener>> listeners;

    public ServerAuditTrail(AuditStorage storage, ConfigurationInForce configurationStore, MetricFactory metricFactory,
                            AlertMails alertMails, Clock clock) {
        this(storage, configurationStore, metricFactory, alertMails, clock, Set.of());
    }

    @Inject
    public ServerAuditTrail(AuditStorage storage, ConfigurationInForce configurationStore, MetricFactory metricFactory,
                            AlertMails alertMails, Clock clock, Set<AuditListener> listeners) {
        this.listeners = byType(listeners);
        this.storage = storage;
        this.configurationStore = configurationStore;
        this.metrics = new AuditMetrics(metricFactory);
        this.alertMails = alertMails;
        this.clock = clock;
    }

    private static Map<AuditEventType, List<AuditListener>> byType(Set<AuditListener> listeners) {
        Map<AuditEventType, List<AuditListener>> byType = new EnumMap<>(AuditEventType.class);
        for (AuditEventType type : AuditEventType.values()) {
            List<AuditListener> hearing = new ArrayList<>();
            listeners.stream().filter(listener -> listener.heard().contains(type)).forEach(hearing::add);
            byType.put(type, List.copyOf(hearing));
        }
        return byType;
    }

    /**
     * What runs here, on the caller's thread, is the hand-over and what must answer the caller;
     * the record is stamped, serialised, hashed and written by the writer thread, or under
     * {@code defer} by this thread when the writer sleeps (cheaper than two thread wake-ups), and
     * indexed on the index thread ({@link com.teaminbox.core.audit.AuditGroupCommit}).
     */
    @Override
    public void record(AuditEvent event) {
        // The trail is the account of each decision; the server log would only repeat it (STYLE.md).
        LOGGER.debug("audit {}", event);
        AuditSettings settings = settings();
        boolean kept = settings.onFailure() == AuditFailurePolicy.CONTINUE && !gap.isOpen() ? appendLater(event) : append(event, settings);
        metrics.count(event);
        List<AuditListener> hearing = listeners.get(event.type());
        boolean alerting = event.type() != AuditEventType.ALERT_RAISED && !settings.alerts().isEmpty();
        if ((kept && !hearing.isEmpty()) || alerting) {
            Instant at = clock.instant();
            if (kept) {
                tellListeners(hearing, event, at);
            }
            if (alerting) {
                windowsInForce(settings).observe(event, at).forEach(this::raise);
            }
        }
    }

    /**
     * {@code on-failure="continue"} while the trail works: the caller does not wait for another thread's write.
     * A write that fails later is handled as one that fails now (counted, alerted, an
     * {@code audit-gap} once the trail is back), on the writer's thread; the listeners have
     * already heard the record, as the trail had accepted it.
     *
     * @return whether the writer accepted the event
     */
    private boolean appendLater(AuditEvent event) {
        CompletableFuture<?> written;
        try {
            written = storage.submit(event);
        } catch (AuditUnavailableException e) {
            lost(event, e, AuditFailurePolicy.CONTINUE);
            return false;
        }
        written.whenComplete((record, failure) -> {
            // On the writer's thread, which must not wait for its own writes: see closeGapIfOpen.
            if (failure == null) {
                closeGapIfOpen();
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                lost(event, cause instanceof AuditUnavailableException unavailable ? unavailable
                    : new AuditUnavailableException(cause.toString(), cause), AuditFailurePolicy.CONTINUE);
            }
        });
        return true;
    }

    @Override
    public boolean inOutage() {
        return gap.isOpen();
    }

    /** @return whether the event was kept: listeners hear only what the trail holds */
    private boolean append(AuditEvent event, AuditSettings settings) {
        try {
            if (metrics.timesThisWrite()) {
                metrics.timeWrite(() -> storage.append(event));
            } else {
                storage.append(event);
            }
        } catch (AuditUnavailableException e) {
            lost(event, e, settings.onFailure());
            return false;
        }
        closeGapIfOpen();
        return true;
    }

    /** Counts the lost record and alerts on the first of an outage; under {@code defer}, throws to the caller. */
    private void lost(AuditEvent event, AuditUnavailableException e, AuditFailurePolicy policy) {
        metrics.countFailure();
        boolean firstOfOutage = gap.open(clock.instant(), e.getMessage());
        if (policy == AuditFailurePolicy.DEFER) {
            LOGGER.error("Audit trail unavailable: {} not recorded, the caller refuses or defers (on-failure=defer): {}",
                event.type(), e.getMessage());
            if (firstOfOutage) {
                alertMails.send(settings(), "Audit trail unavailable on this node: mail and member changes are deferred ("
                    + e.getMessage() + ")");
            }
            throw e;
        }
        if (firstOfOutage) {
            LOGGER.error("Audit trail unavailable, continuing without it (on-failure=continue): {}", e.getMessage());
            alertMails.send(settings(), "Audit trail unavailable on this node: records are being lost (" + e.getMessage() + ")");
        }
    }

    /**
     * Queues the {@code audit-gap} record right behind the record that ended the gap, without
     * waiting for it: under {@code continue} this runs on the writer's thread.
     */
    private void closeGapIfOpen() {
        if (!gap.isOpen()) {
            return;
        }
        gap.closeIfOpen(clock.instant()).ifPresent(closed -> {
            try {
                storage.submit(closed).whenComplete((record, failure) -> {
                    if (failure != null) {
                        LOGGER.error("Could not record the audit gap that just ended: {}", closed, failure);
                    }
                });
            } catch (AuditUnavailableException e) {
                LOGGER.error("Could not record the audit gap that just ended: {}", closed, e);
            }
        });
    }

    private void tellListeners(List<AuditListener> hearing, AuditEvent event, Instant at) {
        for (AuditListener listener : hearing) {
            try {
                listener.recorded(event, at);
            } catch (RuntimeException e) {
                LOGGER.error("Audit listener {} failed on {}; the recorded action stands", listener.getClass().getName(), event.type(), e);
            }
        }
    }

    /** The event that crossed the threshold is already recorded: a failure here must not undo it for the caller. */
    private void raise(Alert alert) {
        LOGGER.warn("{}", alert.summary());
        try {
            recordAlert(alert);
        } catch (AuditUnavailableException e) {
            LOGGER.error("Could not record the alert '{}'; its mail still goes out", alert.rule().name());
        }
        alertMails.send(settings(), alert.summary());
    }

    private void recordAlert(Alert alert) {
        record(AuditEvent.of(AuditEventType.ALERT_RAISED, AuditActor.system())
            .decision("raised")
            .reason(alert.summary())
            .detail("alert", alert.rule().name())
            .detail("event", alert.rule().type().wireName())
            .detail("count", alert.count())
            .detail("actor", alert.actor().map(AuditActor::name).orElse("*"))
            .build());
    }

    /** The alert windows of the rules in force; rebuilt (and counts reset) when a reload changes the rules. */
    private AlertWindows windowsInForce(AuditSettings settings) {
        List<AlertRule> rules = settings.alerts();
        AlertWindows current = alertWindows.get();
        if (current.rules().equals(rules)) {
            return current;
        }
        AlertWindows fresh = new AlertWindows(rules);
        return alertWindows.compareAndSet(current, fresh) ? fresh : alertWindows.get();
    }

    private AuditSettings settings() {
        // Read for every record: no Optional.map (an allocation and a method reference) on that path.
        Optional<SharedMailboxesConfiguration> inForce = configurationStore.inForce();
        return inForce.isPresent() ? inForce.get().audit() : AuditSettings.DEFAULT;
    }
}
