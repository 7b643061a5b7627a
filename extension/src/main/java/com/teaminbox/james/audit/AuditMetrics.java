package com.teaminbox.james.audit;

import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEvent;

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

    private final MetricFactory metricFactory;

    AuditMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    void count(AuditEvent event) {
        String name = PREFIX + event.type().wireName();
        metricFactory.generate(name).increment();
        event.sharedMailbox().ifPresent(mailbox -> metricFactory.generate(name + "." + mailbox).increment());
    }

    void timeWrite(Runnable write) {
        metricFactory.runPublishingTimerMetric(WRITE_TIMER, write);
    }

    void countFailure() {
        metricFactory.generate(WRITE_FAILURES).increment();
    }
}
