package com.teaminbox.core.reports;

import java.time.Instant;
import java.util.List;

/**
 * The review of one shared mailbox over a period: totals, the same figures day by day and member
 * by member, the backlog at {@code asOf} (the period's end, or now when the period is not over)
 * and the tickets overdue then, oldest breach first. Computed by {@link TicketReports}.
 */
public record TicketReport(String sharedMailbox, ReportPeriod period, Instant asOf, Figures total, List<DayFigures> days,
                           List<MemberFigures> members, List<OverdueTicket> overdue) {
    public TicketReport {
        days = List.copyOf(days);
        members = List.copyOf(members);
        overdue = List.copyOf(overdue);
    }
}
