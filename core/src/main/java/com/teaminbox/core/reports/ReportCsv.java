package com.teaminbox.core.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.teaminbox.core.sla.SlaTarget;

/**
 * A report as CSV (RFC 4180, CRLF): one row for the period, one per day, one per member, with the
 * same columns; a cell that does not apply to the row (a member's mails in) is empty. Durations in
 * seconds. A cell that a spreadsheet would run as a formula is prefixed with {@code '}.
 */
public final class ReportCsv {
    public static final List<String> COLUMNS = List.of("scope", "key", "mails_in", "new_tickets", "replies",
        "first_responses", "first_response_median_s", "first_response_p90_s", "first_response_business_median_s",
        "first_response_business_p90_s", "resolutions", "resolution_median_s", "resolution_p90_s", "resolution_business_median_s",
        "resolution_business_p90_s", "sla_first_response_met", "sla_first_response_warned", "sla_first_response_breached",
        "sla_next_response_warned", "sla_next_response_breached", "sla_resolution_met", "sla_resolution_warned",
        "sla_resolution_breached", "backlog_open", "backlog_pending", "backlog_overdue");

    private ReportCsv() {
    }

    public static String of(TicketReport report) {
        StringBuilder csv = new StringBuilder();
        line(csv, COLUMNS);
        line(csv, figures("period", report.period().from() + "/" + report.period().to(), report.total()));
        for (DayFigures day : report.days()) {
            line(csv, figures("day", day.day().toString(), day.figures()));
        }
        for (MemberFigures member : report.members()) {
            List<String> cells = new ArrayList<>(List.of("member", member.member(), "", "", Integer.toString(member.replies())));
            times(cells, member.firstResponse());
            times(cells, member.resolution());
            while (cells.size() < COLUMNS.size()) {
                cells.add("");
            }
            line(csv, cells);
        }
        return csv.toString();
    }

    private static List<String> figures(String scope, String key, Figures figures) {
        List<String> cells = new ArrayList<>(List.of(scope, key, Integer.toString(figures.mailsIn()),
            Integer.toString(figures.newTickets()), Integer.toString(figures.replies())));
        times(cells, figures.firstResponse());
        times(cells, figures.resolution());
        SlaCounts first = figures.sla().get(SlaTarget.FIRST_RESPONSE);
        SlaCounts next = figures.sla().get(SlaTarget.NEXT_RESPONSE);
        SlaCounts resolution = figures.sla().get(SlaTarget.RESOLUTION);
        cells.addAll(List.of(first.met().map(String::valueOf).orElse(""), Integer.toString(first.warned()),
            Integer.toString(first.breached()), Integer.toString(next.warned()), Integer.toString(next.breached()),
            resolution.met().map(String::valueOf).orElse(""), Integer.toString(resolution.warned()),
            Integer.toString(resolution.breached()), Integer.toString(figures.backlog().open()),
            Integer.toString(figures.backlog().pending()), Integer.toString(figures.backlog().overdue())));
        return cells;
    }

    private static void times(List<String> cells, ResponseTimes times) {
        cells.add(Integer.toString(times.count()));
        cells.add(seconds(times.wallClock().median()));
        cells.add(seconds(times.wallClock().p90()));
        cells.add(seconds(times.businessHours().median()));
        cells.add(seconds(times.businessHours().p90()));
    }

    private static String seconds(Optional<Duration> duration) {
        return duration.map(value -> Long.toString(value.toSeconds())).orElse("");
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int index = 0; index < cells.size(); index++) {
            if (index > 0) {
                csv.append(',');
            }
            csv.append(cell(cells.get(index)));
        }
        csv.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
