package com.teaminbox.core.reports;

import java.util.List;
import java.util.function.Function;

import com.teaminbox.core.sla.SlaTarget;

/**
 * A report as an HTML document: the dashboard page (charts as inline SVG, a form to pick the
 * period, links to the JSON and CSV) and the weekly digest's HTML part (charts as images the
 * mail carries), from one template so that both show the same figures. No script anywhere.
 */
public final class ReportHtml {
    private static final String STYLE = "body{font-family:sans-serif;margin:1.5em;color:#222}"
        + "table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
        + "th:first-child,td:first-child{text-align:left}.cards{display:flex;flex-wrap:wrap;gap:.6em;margin-bottom:1em}"
        + ".card{border:1px solid #ccc;border-radius:6px;padding:.5em .8em;min-width:9em}.card b{display:block;font-size:1.5em}"
        + ".overdue{color:#b00}";

    private final TicketReport report;
    private final Function<Chart, String> chartEmbedding;

    private ReportHtml(TicketReport report, Function<Chart, String> chartEmbedding) {
        this.report = report;
        this.chartEmbedding = chartEmbedding;
    }

    /** The dashboard page; {@code reportPath} is the route of this mailbox's report, for the JSON and CSV links. */
    public static String dashboard(TicketReport report, String reportPath) {
        ReportHtml html = new ReportHtml(report, SvgChart::render);
        String query = "?from=" + report.period().from() + "&amp;to=" + report.period().to();
        String controls = "<form method=\"get\">From <input type=\"date\" name=\"from\" value=\"" + report.period().from()
            + "\"> to <input type=\"date\" name=\"to\" value=\"" + report.period().to() + "\"> <button>Show</button> "
            + "&middot; <a href=\"" + Html.escape(reportPath) + query + "\">JSON</a> &middot; <a href=\"" + Html.escape(reportPath)
            + ".csv" + query + "\">CSV</a></form>\n";
        return html.document("Dashboard", controls);
    }

    /** The Content-ID (without its angle brackets) of a chart's image in the digest: RFC 2392 wants an addr-spec. */
    public static String contentId(Chart chart) {
        return chart.id() + "@teaminbox";
    }

    /** The digest's HTML part: each chart an {@code <img src="cid:...">} of the PNG the mail carries as a related part. */
    public static String digest(TicketReport report, String dashboardLocation) {
        ReportHtml html = new ReportHtml(report, chart -> "<p><img src=\"cid:" + Html.escape(contentId(chart)) + "\" width=\""
            + ChartLayout.WIDTH + "\" height=\"" + ChartLayout.HEIGHT + "\" alt=\"" + Html.escape(chart.title()) + "\"></p>");
        return html.document("Weekly review", "<p>Dashboard: " + Html.escape(dashboardLocation) + "</p>\n");
    }

    private String document(String kind, String controls) {
        StringBuilder html = new StringBuilder();
        String title = kind + " of " + report.sharedMailbox() + ", " + report.period().from() + " to " + report.period().to();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
            .append("</title><style>").append(STYLE).append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n")
            .append("<p>Days in ").append(Html.escape(report.period().zone().toString())).append("; backlog as of ")
            .append(report.asOf()).append(". Figures: docs/reports.md.</p>\n").append(controls);
        cards(html);
        html.append("<h2>Charts</h2>\n");
        for (Chart chart : ReportCharts.of(report)) {
            html.append(chartEmbedding.apply(chart)).append('\n');
        }
        sla(html);
        members(html);
        overdue(html);
        days(html);
        return html.append("</body></html>\n").toString();
    }

    private void cards(StringBuilder html) {
        Figures total = report.total();
        html.append("<div class=\"cards\" id=\"totals\">\n");
        card(html, "mails-in", "Mails in", Integer.toString(total.mailsIn()));
        card(html, "new-tickets", "New tickets", Integer.toString(total.newTickets()));
        card(html, "replies", "Replies", Integer.toString(total.replies()));
        card(html, "first-response-median", "First response, median (business hours)",
            ReportText.duration(total.firstResponse().businessHours().median()));
        card(html, "first-response-p90", "First response, p90 (business hours)",
            ReportText.duration(total.firstResponse().businessHours().p90()));
        card(html, "resolution-median", "Resolution, median (business hours)",
            ReportText.duration(total.resolution().businessHours().median()));
        card(html, "sla-breached", "SLA breaches", Integer.toString(total.slaBreached()));
        card(html, "backlog-open", "Open", Integer.toString(total.backlog().open()));
        card(html, "backlog-pending", "Pending", Integer.toString(total.backlog().pending()));
        card(html, "backlog-overdue", "Overdue", Integer.toString(total.backlog().overdue()));
        html.append("</div>\n");
    }

    private static void card(StringBuilder html, String id, String name, String value) {
        html.append("<div class=\"card\" id=\"").append(id).append("\"><b>").append(Html.escape(value)).append("</b>")
            .append(Html.escape(name)).append("</div>\n");
    }

    private void sla(StringBuilder html) {
        html.append("<h2>SLA</h2>\n<table id=\"sla\"><tr><th>Target</th><th>Met</th><th>Warned</th><th>Breached</th></tr>\n");
        for (SlaTarget target : SlaTarget.values()) {
            SlaCounts counts = report.total().sla().get(target);
            row(html, target.wireName(), counts.met().map(String::valueOf).orElse("-"), Integer.toString(counts.warned()),
                Integer.toString(counts.breached()));
        }
        html.append("</table>\n");
    }

    private void members(StringBuilder html) {
        html.append("<h2>By member</h2>\n<table id=\"members\"><tr><th>Member</th><th>Replies</th><th>First responses</th>"
            + "<th>First response, median</th><th>p90</th><th>Resolved</th><th>Resolution, median</th></tr>\n");
        for (MemberFigures member : report.members()) {
            row(html, member.member(), Integer.toString(member.replies()), Integer.toString(member.firstResponse().count()),
                ReportText.duration(member.firstResponse().businessHours().median()),
                ReportText.duration(member.firstResponse().businessHours().p90()), Integer.toString(member.resolution().count()),
                ReportText.duration(member.resolution().businessHours().median()));
        }
        html.append("</table>\n");
    }

    private void overdue(StringBuilder html) {
        html.append("<h2>Overdue tickets (").append(report.overdue().size()).append(")</h2>\n<table id=\"overdue\" class=\"overdue\">"
            + "<tr><th>Ticket</th><th>Opened</th><th>Target</th><th>Breached</th><th>Due</th><th>Policy</th><th>State</th></tr>\n");
        for (OverdueTicket ticket : report.overdue()) {
            row(html, ticket.ticket(), ticket.opened().toString(), ticket.target().wireName(), ticket.breachedAt().toString(),
                ticket.due().orElse("-"), ticket.policy().orElse("-"), ticket.pending() ? "pending" : "open");
        }
        html.append("</table>\n");
    }

    private void days(StringBuilder html) {
        html.append("<h2>By day</h2>\n<table id=\"days\"><tr><th>Day</th><th>Mails in</th><th>New tickets</th><th>Replies</th>"
            + "<th>First response, median</th><th>Resolved</th><th>SLA breaches</th><th>Open</th><th>Pending</th><th>Overdue</th></tr>\n");
        for (DayFigures day : report.days()) {
            Figures figures = day.figures();
            row(html, day.day().toString(), Integer.toString(figures.mailsIn()), Integer.toString(figures.newTickets()),
                Integer.toString(figures.replies()), ReportText.duration(figures.firstResponse().businessHours().median()),
                Integer.toString(figures.resolution().count()), Integer.toString(figures.slaBreached()),
                Integer.toString(figures.backlog().open()), Integer.toString(figures.backlog().pending()),
                Integer.toString(figures.backlog().overdue()));
        }
        html.append("</table>\n");
    }

    private static void row(StringBuilder html, String... cells) {
        html.append("<tr>");
        for (String cell : List.of(cells)) {
            html.append("<td>").append(Html.escape(cell)).append("</td>");
        }
        html.append("</tr>\n");
    }
}
