package com.teaminbox.core.reports;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.teaminbox.core.sla.SlaTarget;

/**
 * A report as the tree WebAdmin serialises to JSON (docs/webadmin.md shows an example): maps in
 * a fixed member order, durations in seconds, {@code null} where nothing was measured.
 */
public final class ReportJson {
    private ReportJson() {
    }

    public static Map<String, Object> of(TicketReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sharedMailbox", report.sharedMailbox());
        json.put("from", report.period().from().toString());
        json.put("to", report.period().to().toString());
        json.put("timeZone", report.period().zone().toString());
        json.put("asOf", report.asOf().toString());
        json.put("total", figures(report.total()));
        json.put("days", report.days().stream().map(day -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("day", day.day().toString());
            one.putAll(figures(day.figures()));
            return one;
        }).toList());
        json.put("members", report.members().stream().map(member -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("member", member.member());
            one.put("replies", member.replies());
            one.put("firstResponse", times(member.firstResponse()));
            one.put("resolution", times(member.resolution()));
            return one;
        }).toList());
        json.put("overdue", report.overdue().stream().map(ticket -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("ticket", ticket.ticket());
            one.put("opened", ticket.opened().toString());
            one.put("target", ticket.target().wireName());
            one.put("breachedAt", ticket.breachedAt().toString());
            one.put("due", ticket.due().orElse(null));
            one.put("policy", ticket.policy().orElse(null));
            one.put("state", ticket.pending() ? "pending" : "open");
            return one;
        }).toList());
        return json;
    }

    private static Map<String, Object> figures(Figures figures) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mailsIn", figures.mailsIn());
        json.put("newTickets", figures.newTickets());
        json.put("replies", figures.replies());
        json.put("firstResponse", times(figures.firstResponse()));
        json.put("resolution", times(figures.resolution()));
        Map<String, Object> sla = new LinkedHashMap<>();
        for (SlaTarget target : SlaTarget.values()) {
            SlaCounts counts = figures.sla().get(target);
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("met", counts.met().orElse(null));
            one.put("warned", counts.warned());
            one.put("breached", counts.breached());
            sla.put(target.wireName(), one);
        }
        json.put("sla", sla);
        Map<String, Object> backlog = new LinkedHashMap<>();
        backlog.put("open", figures.backlog().open());
        backlog.put("pending", figures.backlog().pending());
        backlog.put("overdue", figures.backlog().overdue());
        json.put("backlog", backlog);
        return json;
    }

    private static Map<String, Object> times(ResponseTimes times) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", times.count());
        json.put("wallClock", stats(times.wallClock()));
        json.put("businessHours", stats(times.businessHours()));
        return json;
    }

    private static Map<String, Object> stats(DurationStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("medianSeconds", seconds(stats.median()));
        json.put("p90Seconds", seconds(stats.p90()));
        return json;
    }

    private static Long seconds(Optional<Duration> duration) {
        return duration.map(Duration::toSeconds).orElse(null);
    }

}
