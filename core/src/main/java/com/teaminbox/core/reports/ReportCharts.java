package com.teaminbox.core.reports;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import com.teaminbox.core.sla.SlaTarget;

/** The four charts of a report, one bar group per day: volume, first-response times, backlog, SLA breaches. */
public final class ReportCharts {
    public static final String VOLUME = "volume";
    public static final String RESPONSE_TIMES = "response-times";
    public static final String BACKLOG = "backlog";
    public static final String SLA_BREACHES = "sla-breaches";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d", Locale.ENGLISH);

    private ReportCharts() {
    }

    public static List<Chart> of(TicketReport report) {
        List<String> labels = report.days().stream().map(day -> DAY.format(day.day())).toList();
        return List.of(
            new Chart(VOLUME, "Volume", "per day", labels, List.of(
                series("Mails in", "#1f77b4", report, figures -> figures.mailsIn()),
                series("New tickets", "#ff7f0e", report, figures -> figures.newTickets()),
                series("Replies", "#2ca02c", report, figures -> figures.replies()))),
            new Chart(RESPONSE_TIMES, "First-response time", "median, hours", labels, List.of(
                series("Business hours", "#9467bd", report, figures -> hours(figures.firstResponse().businessHours().median())),
                series("Wall clock", "#8c564b", report, figures -> hours(figures.firstResponse().wallClock().median())))),
            new Chart(BACKLOG, "Backlog", "tickets at the end of the day", labels, List.of(
                series("Open", "#1f77b4", report, figures -> figures.backlog().open()),
                series("Pending", "#bcbd22", report, figures -> figures.backlog().pending()),
                series("Overdue", "#d62728", report, figures -> figures.backlog().overdue()))),
            new Chart(SLA_BREACHES, "SLA breaches", "per day", labels, List.of(
                series("First response", "#d62728", report, figures -> figures.sla().get(SlaTarget.FIRST_RESPONSE).breached()),
                series("Next response", "#ff9896", report, figures -> figures.sla().get(SlaTarget.NEXT_RESPONSE).breached()),
                series("Resolution", "#7f7f7f", report, figures -> figures.sla().get(SlaTarget.RESOLUTION).breached()))));
    }

    private static Chart.Series series(String name, String color, TicketReport report, Function<Figures, Number> value) {
        return new Chart.Series(name, color, report.days().stream().map(day -> value.apply(day.figures()).doubleValue()).toList());
    }

    private static double hours(Optional<Duration> duration) {
        return duration.map(value -> Math.round(value.toMinutes() / 6.0) / 10.0).orElse(0.0);
    }
}
