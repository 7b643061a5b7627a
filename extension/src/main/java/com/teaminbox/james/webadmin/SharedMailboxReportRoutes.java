package com.teaminbox.james.webadmin;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.reports.ReportCsv;
import com.teaminbox.core.reports.ReportHtml;
import com.teaminbox.core.reports.ReportJson;
import com.teaminbox.core.reports.ReportPeriod;
import com.teaminbox.core.reports.TicketReport;
import com.teaminbox.james.reports.SharedMailboxReports;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * A shared mailbox's report (docs/reports.md), over the days {@code from} to {@code to}
 * (inclusive, YYYY-MM-DD in the mailbox's time zone; by default the seven days ending today):
 * <pre>
 * GET /shared-mailboxes/{address}/report?from=2026-11-02&amp;to=2026-11-08       JSON
 * GET /shared-mailboxes/{address}/report.csv?from=…&amp;to=…                     CSV
 * GET /shared-mailboxes/{address}/dashboard?from=…&amp;to=…                      HTML page, inline SVG charts, no script
 * </pre>
 * Registered in {@code webadmin.properties} {@code extensions.routes}.
 */
public class SharedMailboxReportRoutes implements Routes {
    private final ConfigurationInForce configurationStore;
    private final SharedMailboxReports reports;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public SharedMailboxReportRoutes(ConfigurationInForce configurationStore, SharedMailboxReports reports) {
        this.configurationStore = configurationStore;
        this.reports = reports;
    }

    @Override
    public String getBasePath() {
        return SharedMailboxesRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(SharedMailboxesRoutes.BASE_PATH + "/:address/report", this::json, json);
        service.get(SharedMailboxesRoutes.BASE_PATH + "/:address/report.csv", this::csv);
        service.get(SharedMailboxesRoutes.BASE_PATH + "/:address/dashboard", this::dashboard);
    }

    private Map<String, Object> json(Request request, Response response) throws IOException {
        return ReportJson.of(report(request));
    }

    private String csv(Request request, Response response) throws IOException {
        TicketReport report = report(request);
        response.type("text/csv; charset=utf-8");
        response.header("Content-Disposition", "attachment; filename=\"report-" + report.period().from() + "-" + report.period().to()
            + ".csv\"");
        return ReportCsv.of(report);
    }

    private String dashboard(Request request, Response response) throws IOException {
        TicketReport report = report(request);
        response.type("text/html; charset=utf-8");
        // The page is whole as sent: forbid scripts and anything fetched from elsewhere.
        response.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'");
        return ReportHtml.dashboard(report, SharedMailboxesRoutes.BASE_PATH + "/" + report.sharedMailbox() + "/report");
    }

    private TicketReport report(Request request) throws IOException {
        SharedMailbox sharedMailbox = SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, request.params("address"));
        return reports.report(sharedMailbox, period(request, SharedMailboxReports.zone(sharedMailbox)));
    }

    private ReportPeriod period(Request request, ZoneId zone) {
        try {
            LocalDate today = LocalDate.ofInstant(reports.now(), zone);
            Optional<LocalDate> from = date(request, "from");
            LocalDate to = date(request, "to").orElse(from.map(start -> start.plusDays(6)).orElse(today));
            return new ReportPeriod(from.orElse(to.minusDays(6)), to, zone);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorType.INVALID_ARGUMENT)
                .message("Invalid report period: %s (from and to are days such as 2026-11-02, from before to, at most %d days)",
                    e.getMessage(), ReportPeriod.MAX_DAYS)
                .haltError();
        }
    }

    private static Optional<LocalDate> date(Request request, String name) {
        return Optional.ofNullable(request.queryParams(name)).filter(value -> !value.isBlank()).map(String::strip).map(LocalDate::parse);
    }
}
