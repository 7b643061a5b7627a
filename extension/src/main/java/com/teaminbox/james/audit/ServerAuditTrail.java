package com.teaminbox.james.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
    private final Set<AuditListener> listeners;

    public ServerAuditTrail(AuditStorage storage, ConfigurationInForce configurationStore, MetricFactory metricFactory,
                            AlertMails alertMails, Clock clock) {
        this(storage, configurationStore, metricFactory, alertMails, clock, Set.of());
    }

    @Inject
    public ServerAuditTrail(AuditStorage storage, ConfigurationInForce configurationStore, MetricFactory metricFactory,
                            AlertMails alertMails, Clock clock, Set<AuditListener> listeners) {
        this.listeners = Set.copyOf(listeners);
        this.storage = storage;
        this.configurationStore = configurationStore;
        this.metrics = new AuditMetrics(metricFactory);
        this.alertMails = alertMails;
        this.clock = clock;
    }

    @Override
    public void record(AuditEvent event) {
        if (event.type() == AuditEventType.MESSAGE_READ) {
            // every FETCH of a body: the trail keeps them, the server log would drown in them
            LOGGER.debug("audit {}", event);
        } else {
            LOGGER.info("audit {}", event);
        }
        boolean kept = append(event);
        metrics.count(event);
        if (kept) {
            tellListeners(event);
        }
        if (event.type() != AuditEventType.ALERT_RAISED) {
            windowsInForce().observe(event, clock.instant()).forEach(this::raise);
        }
    }

    /** @return whether the event was kept: listeners hear only what the trail holds */
    private boolean append(AuditEvent event) {
        try {
            metrics.timeWrite(() -> storage.append(event));
        } catch (AuditUnavailableException e) {
            metrics.countFailure();
            boolean firstOfOutage = gap.open(clock.instant(), e.getMessage());
            if (settings().onFailure() == AuditFailurePolicy.DEFER) {
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
            return false;
        }
        gap.closeIfOpen(clock.instant()).ifPresent(closed -> {
            try {
                storage.append(closed);
            } catch (AuditUnavailableException e) {
                LOGGER.error("Could not record the audit gap that just ended: {}", closed, e);
            }
        });
        return true;
    }

    private void tellListeners(AuditEvent event) {
        Instant at = clock.instant();
        for (AuditListener listener : listeners) {
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
    private AlertWindows windowsInForce() {
        List<AlertRule> rules = settings().alerts();
        AlertWindows current = alertWindows.get();
        if (current.rules().equals(rules)) {
            return current;
        }
        AlertWindows fresh = new AlertWindows(rules);
        return alertWindows.compareAndSet(current, fresh) ? fresh : alertWindows.get();
    }

    private AuditSettings settings() {
        return configurationStore.inForce().map(SharedMailboxesConfiguration::audit).orElse(AuditSettings.DEFAULT);
    }
}
