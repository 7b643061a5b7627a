package com.teaminbox.james.audit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;

/**
 * Counters derived from audit events, so that metrics and the trail never disagree:
 * {@code teaminbox.<type>} for every event type (tickets created, rules matched, autoresponses
 * sent or suppressed, refusals...) and {@code teaminbox.<type>.<shared mailbox>} per shared
 * mailbox (mails received per shared mailbox). Published by James's {@code MetricFactory}, hence
 * visible in WebAdmin's {@code /metrics}.
 */
final class AuditMetrics {
    static final String PREFIX = "teaminbox.";
    static final String WRITE_TIMER = "teaminbox.audit.write";
    static final String WRITE_FAILURES = "teaminbox.audit.write-failures";

    private static final AuditEventType[] TYPES = AuditEventType.values();

    private final MetricFactory metricFactory;
    /**
     * The counters, looked up once: building their names and finding them in James's registry
     * cost more than counting, on the thread of every recorded action. Indexed by type ordinal;
     * two threads filling the same slot get the same counter from the registry.
     */
    private final Metric[] byType = new Metric[TYPES.length];
    private final Map<String, Metric[]> byMailbox = new ConcurrentHashMap<>();

    AuditMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    void count(AuditEvent event) {
        AuditEventType type = event.type();
        counter(byType, type, "").increment();
        event.sharedMailbox().ifPresent(mailbox ->
            counter(byMailbox.computeIfAbsent(mailbox, any -> new Metric[TYPES.length]), type, mailbox).increment());
    }

    /** The counter {@code teaminbox.<type>} or ({@code mailbox} not empty) {@code teaminbox.<type>.<mailbox>}; named only the first time. */
    private Metric counter(Metric[] counters, AuditEventType type, String mailbox) {
        Metric counter = counters[type.ordinal()];
        if (counter == null) {
            counter = metricFactory.generate(PREFIX + type.wireName() + (mailbox.isEmpty() ? "" : "." + mailbox));
            counters[type.ordinal()] = counter;
        }
        return counter;
    }

    void timeWrite(Runnable write) {
        metricFactory.runPublishingTimerMetric(WRITE_TIMER, write);
    }

    void countFailure() {
        metricFactory.generate(WRITE_FAILURES).increment();
    }
}
