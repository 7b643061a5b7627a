package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.autoreply.BusinessHours;
import com.teaminbox.core.reports.ReportPeriod;
import com.teaminbox.core.reports.TicketReport;
import com.teaminbox.core.reports.TicketReports;
import com.teaminbox.core.reports.TimedEvent;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.reports.SharedMailboxReports;

class SharedMailboxReportRoutesTest {
    private static final String SUPPORT = "support@example.test";
    private static final Instant NOW = Instant.parse("2026-11-09T10:00:00Z");

    private final SharedMailboxReports reports = mock(SharedMailboxReports.class);
    private final ArgumentCaptor<ReportPeriod> period = ArgumentCaptor.forClass(ReportPeriod.class);
    private RoutesServer server;

    @BeforeEach
    void serve() throws Exception {
        when(reports.now()).thenReturn(NOW);
        when(reports.report(any(), period.capture())).thenAnswer(invocation -> report(invocation.getArgument(1)));
        server = RoutesServer.serving(new SharedMailboxReportRoutes(ConfigurationFixture.inForce(ConfigurationFixture.support("", "")),
            reports));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static TicketReport report(ReportPeriod period) {
        return TicketReports.compute(SUPPORT, List.of(new TimedEvent(Instant.parse("2026-11-03T10:00:00Z"),
                AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox(SUPPORT).ticket("SUP-1").decision("created")
                    .build())),
            period, BusinessHours.ALWAYS_OPEN, NOW);
    }

    @Test
    void jsonShouldCoverTheSevenDaysEndingTodayByDefault() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/report");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RoutesServer.json(response).get("from").asText()).isEqualTo(period.getValue().from().toString());
        assertThat(period.getValue().to()).isEqualTo(LocalDate.ofInstant(NOW, period.getValue().zone()));
        assertThat(period.getValue().from()).isEqualTo(period.getValue().to().minusDays(6));
    }

    @Test
    void csvShouldBeAnAttachmentNamedAfterThePeriod() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/report.csv?from=2026-11-02&to=2026-11-08");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"report-2026-11-02-2026-11-08.csv\"");
    }

    @Test
    void dashboardShouldBeAWholePageThatMayRunNoScript() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/dashboard");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
            .startsWith("default-src 'none'"));
        assertThat(response.body()).contains("support@example.test").doesNotContain("<script");
    }

    @Test
    void aPeriodEndingBeforeItStartsShouldBeABadRequest() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/report?from=2026-11-08&to=2026-11-02");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesServer.json(response).get("message").asText()).startsWith("Invalid report period: ");
        verify(reports, never()).report(any(), any());
    }

    @Test
    void theReportOfAnAddressThatIsNoSharedMailboxShouldBeNotFound() throws Exception {
        assertThat(server.get("/shared-mailboxes/alice@example.test/report").statusCode()).isEqualTo(404);
    }
}
