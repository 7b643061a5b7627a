package com.teaminbox.core.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.autoreply.BusinessHours;

/** The JSON, CSV, HTML and chart forms of one small report: two tickets, one answered by alice, one overdue. */
class ReportFormatsTest {
    private static final String SUPPORT = "support@example.test";
    private static final ReportPeriod DAYS = new ReportPeriod(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3), ZoneOffset.UTC);
    private static final TicketReport REPORT = TicketReports.compute(SUPPORT, List.of(
        timed("2026-11-02T10:00:00Z", AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("jane@customer.test"))
            .sharedMailbox(SUPPORT).decision("accepted").build()),
        timed("2026-11-02T10:00:00Z", ticket(AuditEventType.TICKET_CREATED, AuditActor.system(), "SUP-1", "created").build()),
        timed("2026-11-02T10:00:00Z", ticket(AuditEventType.TICKET_CREATED, AuditActor.system(), "SUP-2", "created").build()),
        timed("2026-11-02T11:30:00Z", ticket(AuditEventType.SEND_ACCEPTED, AuditActor.member("=alice@example.test"), "SUP-1", "accepted").build()),
        timed("2026-11-03T09:00:00Z", ticket(AuditEventType.SLA_BREACHED, AuditActor.system(), "SUP-2", "breached")
            .detail("target", "first-response").detail("policy", "<urgent>").detail("due", "2026-11-03T09:00:00Z").build())),
        DAYS, BusinessHours.ALWAYS_OPEN, Instant.parse("2026-11-05T00:00:00Z"));

    private static TimedEvent timed(String at, AuditEvent event) {
        return new TimedEvent(Instant.parse(at), event);
    }

    private static AuditEvent.Builder ticket(AuditEventType type, AuditActor actor, String ticket, String decision) {
        return AuditEvent.of(type, actor).sharedMailbox(SUPPORT).ticket(ticket).decision(decision);
    }

    @Test
    void jsonShouldGiveDurationsInSecondsAndNullWhereNothingWasMeasured() {
        Map<String, Object> json = ReportJson.of(REPORT);

        assertThat(json).containsEntry("from", "2026-11-02").containsEntry("to", "2026-11-03").containsEntry("timeZone", "Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> total = (Map<String, Object>) json.get("total");
        assertThat(total.toString()).contains("firstResponse={count=1, wallClock={medianSeconds=5400, p90Seconds=5400}")
            .contains("resolution={count=0, wallClock={medianSeconds=null, p90Seconds=null}")
            .contains("first-response={met=1, warned=0, breached=1}")
            .contains("next-response={met=null, warned=0, breached=0}")
            .contains("backlog={open=2, pending=0, overdue=1}");
        assertThat(json.get("overdue").toString()).contains("ticket=SUP-2").contains("target=first-response").contains("state=open");
    }

    @Test
    void csvShouldHaveOneRowForThePeriodOnePerDayAndOnePerMember() {
        List<String> lines = ReportCsv.of(REPORT).lines().toList();

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("scope,key,mails_in,new_tickets,replies,first_responses,first_response_median_s");
        assertThat(lines.get(1)).startsWith("period,2026-11-02/2026-11-03,1,2,1,1,5400,5400,5400,5400,0,,,,,1,0,1,0,0,0,0,0,2,0,1");
        assertThat(lines.get(2)).startsWith("day,2026-11-02,1,2,1,1,5400,");
        assertThat(lines.get(3)).endsWith(",2,0,1");
        assertThat(lines).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(ReportCsv.COLUMNS.size()));
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunShouldBeDefused() {
        assertThat(ReportCsv.of(REPORT).lines().toList().get(4)).startsWith("member,'=alice@example.test,,,1,1,5400");
        assertThat(ReportCsv.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
    }

    @Test
    void dashboardShouldCarryTheFiguresChartsAndOverdueTicketsWithoutScript() {
        String html = ReportHtml.dashboard(REPORT, "/shared-mailboxes/support@example.test/report");

        assertThat(html).contains("<title>Dashboard of support@example.test, 2026-11-02 to 2026-11-03</title>")
            .contains("<div class=\"card\" id=\"new-tickets\"><b>2</b>New tickets</div>")
            .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"volume\"")
            .contains("<td>SUP-2</td><td>2026-11-02T10:00:00Z</td><td>first-response</td>")
            .contains("&lt;urgent&gt;")
            .contains("href=\"/shared-mailboxes/support@example.test/report.csv?from=2026-11-02&amp;to=2026-11-03\"")
            .doesNotContain("<script").doesNotContain("<urgent>");
        assertThat(html.split("<svg ", -1)).hasSize(5);
    }

    @Test
    void digestShouldReferToEachChartByContentId() {
        String html = ReportHtml.digest(REPORT, "WebAdmin GET /shared-mailboxes/support@example.test/dashboard");

        assertThat(html).contains("<img src=\"cid:volume@teaminbox\"").contains("<img src=\"cid:response-times@teaminbox\"")
            .contains("<img src=\"cid:backlog@teaminbox\"").contains("<img src=\"cid:sla-breaches@teaminbox\"").doesNotContain("<svg")
            .contains("Dashboard: WebAdmin GET /shared-mailboxes/support@example.test/dashboard");
    }

    @Test
    void textShouldCarryTheSameFigures() {
        String text = ReportText.plain(REPORT, "http://dashboard");

        assertThat(text).contains("Mails in:                1\r\n").contains("New tickets:             2\r\n")
            .contains("median 1 h 30 min business hours").contains("SUP-2  first-response breached 2026-11-03T09:00:00Z")
            .contains("=alice@example.test: 1 replies");
    }

    @Test
    void svgBarsShouldCarryTheirExactValue() {
        String svg = SvgChart.render(ReportCharts.of(REPORT).get(0));

        assertThat(svg).contains("<title>Mon 2 New tickets: 2</title>").contains("Volume (per day)");
    }

    @Test
    void pngShouldBeAnImageOfTheChartsSize() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(PngChart.render(ReportCharts.of(REPORT).get(2))));

        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    @Test
    void scaleShouldRoundTheHighestValueUp() {
        assertThat(chartOf(0).scale()).isEqualTo(1);
        assertThat(chartOf(7).scale()).isEqualTo(10);
        assertThat(chartOf(10).scale()).isEqualTo(10);
        assertThat(chartOf(23).scale()).isEqualTo(25);
        assertThat(chartOf(160).scale()).isEqualTo(200);
    }

    private static Chart chartOf(double value) {
        return new Chart("c", "C", "u", List.of("a"), List.of(new Chart.Series("s", "#000000", List.of(value))));
    }

    @Test
    void axisTicksShouldBeRoundNumbers() {
        assertThat(SvgChart.render(chartOf(5))).contains(">1</text>").contains(">4</text>").contains(">5</text>").doesNotContain(">1.3<");
        assertThat(SvgChart.render(chartOf(1))).contains(">0.2</text>").contains(">0.8</text>");
        assertThat(SvgChart.render(chartOf(2))).contains(">0.5</text>").contains(">1.5</text>");
        assertThat(SvgChart.render(chartOf(25))).contains(">5</text>").contains(">25</text>");
    }
}
