package com.teaminbox.james.audit;

import java.util.Map;
import java.util.Optional;
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
    /**
     * One record's write in this many is timed ({@link #timesThisWrite}): a timer is two clock
     * reads, a histogram and a meter update and a lambda, on the recording thread of every record,
     * which in the server runs as profiled (C1) code. A regular sample keeps the timer's
     * percentiles and mean those of every write; its count is the records' divided by this.
     */
    static final int WRITES_PER_TIMED = 16;

    private static final AuditEventType[] TYPES = AuditEventType.values();

    private final MetricFactory metricFactory;
    /**
     * The counters, looked up once: building their names and finding them in James's registry
     * cost more than counting, on the thread of every recorded action. Indexed by type ordinal;
     * two threads filling the same slot get the same counter from the registry.
     */
    private final Metric[] byType = new Metric[TYPES.length];
    private final Map<String, Metric[]> byMailbox = new ConcurrentHashMap<>();
    /**
     * Writes seen, for the sample. Not atomic on purpose: a count lost between two threads only
     * shifts which write is timed, and an atomic would make every recording thread write one
     * shared cache line. The first write is always timed, so the timer exists from the first record.
     */
    private int writes;

    AuditMetrics(MetricFactory metricFactory) {
        this.metricFactory = metricFactory;
    }

    void count(AuditEvent event) {
        AuditEventType type = event.type();
        counter(byType, type, "").increment();
        // No lambda: this runs for every record, on the recording thread.
        Optional<String> mailbox = event.sharedMailbox();
        if (mailbox.isPresent()) {
            Metric[] counters = byMailbox.get(mailbox.get());
            if (counters == null) {
                counters = byMailbox.computeIfAbsent(mailbox.get(), any -> new Metric[TYPES.length]);
            }
            counter(counters, type, mailbox.get()).increment();
        }
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

    /** Whether this write is one of the sample the write timer measures (one in {@link #WRITES_PER_TIMED}). */
    boolean timesThisWrite() {
        int seen = writes;
        writes = seen + 1;
        return seen % WRITES_PER_TIMED == 0;
    }

    void timeWrite(Runnable write) {
        metricFactory.runPublishingTimerMetric(WRITE_TIMER, write);
    }

    void countFailure() {
        metricFactory.generate(WRITE_FAILURES).increment();
    }
}
