package com.teaminbox.core.reports;

import java.time.Duration;
import java.util.Optional;

import com.teaminbox.core.sla.SlaTarget;

/** Words for figures, shared by the page, the digest and its text part: "1 h 05 min", "-" when nothing was measured. */
public final class ReportText {
    private ReportText() {
    }

    public static String duration(Optional<Duration> duration) {
        return duration.map(ReportText::duration).orElse("-");
    }

    public static String duration(Duration duration) {
        long minutes = duration.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " h " + String.format("%02d", minutes % 60) + " min";
        }
        return hours / 24 + " d " + hours % 24 + " h";
    }

    public static String times(ResponseTimes times) {
        if (times.count() == 0) {
            return "-";
        }
        return "median " + duration(times.businessHours().median()) + " business hours (" + duration(times.wallClock().median())
            + " wall clock), p90 " + duration(times.businessHours().p90()) + " (" + duration(times.wallClock().p90()) + ")";
    }

    /** The digest's text/plain part: every figure of the HTML part, in lines a terminal shows. */
    public static String plain(TicketReport report, String dashboardLocation) {
        Figures total = report.total();
        StringBuilder text = new StringBuilder();
        text.append("Weekly review of ").append(report.sharedMailbox()).append(", ").append(report.period().from()).append(" to ")
            .append(report.period().to()).append(" (").append(report.period().zone()).append(")\r\n\r\n");
        line(text, "Mails in", Integer.toString(total.mailsIn()));
        line(text, "New tickets", Integer.toString(total.newTickets()));
        line(text, "Replies", Integer.toString(total.replies()));
        line(text, "First response", total.firstResponse().count() + " tickets, " + times(total.firstResponse()));
        line(text, "Resolution", total.resolution().count() + " resolved, " + times(total.resolution()));
        for (SlaTarget target : SlaTarget.values()) {
            SlaCounts counts = total.sla().get(target);
            line(text, "SLA " + target.wireName(), counts.met().map(met -> met + " met, ").orElse("") + counts.warned() + " warned, "
                + counts.breached() + " breached");
        }
        line(text, "Backlog", total.backlog().open() + " open, " + total.backlog().pending() + " pending, "
            + total.backlog().overdue() + " overdue (at " + report.asOf() + ")");
        text.append("\r\nBy day (mails in / new tickets / replies / backlog open, pending, overdue):\r\n");
        for (DayFigures day : report.days()) {
            Figures figures = day.figures();
            text.append("  ").append(day.day()).append(' ').append(day.day().getDayOfWeek().toString(), 0, 3).append("  ")
                .append(figures.mailsIn()).append(" / ").append(figures.newTickets()).append(" / ").append(figures.replies())
                .append(" / ").append(figures.backlog().open()).append(", ").append(figures.backlog().pending()).append(", ")
                .append(figures.backlog().overdue()).append("\r\n");
        }
        text.append("\r\nBy member:\r\n");
        if (report.members().isEmpty()) {
            text.append("  nobody replied or resolved a ticket\r\n");
        }
        for (MemberFigures member : report.members()) {
            text.append("  ").append(member.member()).append(": ").append(member.replies()).append(" replies, ")
                .append(member.firstResponse().count()).append(" first responses (").append(times(member.firstResponse())).append("), ")
                .append(member.resolution().count()).append(" resolved\r\n");
        }
        text.append("\r\nOverdue tickets: ").append(report.overdue().size()).append("\r\n");
        for (OverdueTicket ticket : report.overdue()) {
            text.append("  ").append(ticket.ticket()).append("  ").append(ticket.target().wireName()).append(" breached ")
                .append(ticket.breachedAt()).append(ticket.pending() ? " (pending)" : "").append("\r\n");
        }
        text.append("\r\nDashboard: ").append(dashboardLocation).append("\r\n");
        return text.toString();
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(String.format("%-24s %s\r\n", name + ":", value));
    }
}
