package com.teaminbox.james.reports;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import javax.inject.Inject;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.reports.ReportPeriod;
import com.teaminbox.core.reports.TicketReport;
import com.teaminbox.core.reports.TicketReports;

/**
 * A shared mailbox's report for a period, from the audit trail, with its acknowledgement
 * calendar (business hours and time zone; always open, UTC, without one) and this node's clock.
 */
public class SharedMailboxReports {
    /**
     * How far before the period the history is read, for the openings of tickets the period
     * touches: a ticket opened earlier is left out of the backlog (docs/reports.md).
     */
    public static final Duration LOOKBACK = Duration.ofDays(365);

    private final AuditHistory history;
    private final Clock clock;

    @Inject
    public SharedMailboxReports(AuditHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    public TicketReport report(SharedMailbox sharedMailbox, ReportPeriod period) throws IOException {
        // The trail's precision: asOf and the backlog's end read like the records' times.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant until = period.end().isBefore(now) ? period.end() : now.plusMillis(1);
        String address = sharedMailbox.address().asString();
        return TicketReports.compute(address, history.read(address, period.start().minus(LOOKBACK), until), period,
            businessHours(sharedMailbox), now);
    }

    public Instant now() {
        return clock.instant();
    }

    public static BusinessHours businessHours(SharedMailbox sharedMailbox) {
        return sharedMailbox.acknowledgement().map(AcknowledgementSettings::businessHours).orElse(BusinessHours.ALWAYS_OPEN);
    }

    /** The zone the mailbox's days are counted in: its business hours'. */
    public static ZoneId zone(SharedMailbox sharedMailbox) {
        return businessHours(sharedMailbox).zone();
    }
}
