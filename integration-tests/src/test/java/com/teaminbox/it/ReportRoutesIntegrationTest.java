package com.teaminbox.it;

import static com.teaminbox.it.ReportFixture.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The report routes over a seeded week (ReportFixture) plus a mail jane sends today: figures from
 * every node's records in the audit directory and from this server's own.
 */
class ReportRoutesIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WEEK_AND_TODAY = "/shared-mailboxes/" + SUPPORT + "/report?from=2026-11-02&to=2026-11-09";

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(ReportFixture.seeded(), RetentionFixture.clock(new MovableClock(ReportFixture.NOW)));

    @Test
    void reportShouldGiveTheFiguresOfThePeriod() throws Exception {
        server.smtp().send("jane@customer.test", "Printer on fire", SUPPORT);
        TeamInboxServer.awaitUntil(() -> total().get("newTickets").asInt() == 5, "the seeded tickets and jane's in the report");

        JsonNode total = total();
        assertThat(total.get("mailsIn").asInt()).isEqualTo(5);
        assertThat(total.get("replies").asInt()).isEqualTo(2);
        // 1 h and 2 h, both inside Paris business hours: nearest-rank median 1 h, p90 2 h
        assertThat(total.at("/firstResponse/wallClock/medianSeconds").asLong()).isEqualTo(3600);
        assertThat(total.at("/firstResponse/wallClock/p90Seconds").asLong()).isEqualTo(7200);
        assertThat(total.at("/firstResponse/businessHours/medianSeconds").asLong()).isEqualTo(3600);
        // SUP-901: 24 h on the wall clock, Monday 09:00-18:00 Paris in business hours
        assertThat(total.at("/resolution/wallClock/medianSeconds").asLong()).isEqualTo(86_400);
        assertThat(total.at("/resolution/businessHours/medianSeconds").asLong()).isEqualTo(32_400);
        assertThat(total.at("/sla/first-response").toString()).isEqualTo("{\"met\":2,\"warned\":1,\"breached\":1}");
        // open: SUP-902, SUP-903 and jane's; pending SUP-904; overdue SUP-903
        assertThat(total.get("backlog").toString()).isEqualTo("{\"open\":3,\"pending\":1,\"overdue\":1}");
        JsonNode report = JSON.readTree(WebAdminClient.get(server, WEEK_AND_TODAY));
        assertThat(report.get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(report.get("days")).hasSize(8);
        assertThat(report.at("/overdue/0/ticket").asText()).isEqualTo("SUP-903");
        assertThat(report.at("/members/0/member").asText()).isEqualTo("alice@example.test");
        assertThat(report.at("/members/0/replies").asInt()).isEqualTo(2);
    }

    @Test
    void csvShouldHaveARowForThePeriodEachDayAndEachMember() throws Exception {
        HttpResponse<String> response = get("/shared-mailboxes/" + SUPPORT + "/report.csv?from=2026-11-02&to=2026-11-08");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(1 + 1 + 7 + 1);
        assertThat(lines.get(1)).startsWith("period,2026-11-02/2026-11-08,4,4,2,2,3600,7200,3600,7200,1,86400,86400,32400,32400,");
        assertThat(lines.get(9)).startsWith("member,alice@example.test,,,2,2,3600");
    }

    @Test
    void badPeriodsAndUnknownMailboxesShouldBeRefused() throws Exception {
        assertThat(get("/shared-mailboxes/" + SUPPORT + "/report?from=2%20Nov").statusCode()).isEqualTo(400);
        assertThat(get("/shared-mailboxes/" + SUPPORT + "/report?from=2026-11-09&to=2026-11-02").body())
            .contains("to (2026-11-02) is before from (2026-11-09)");
        assertThat(get("/shared-mailboxes/" + SUPPORT + "/report?from=2025-01-01&to=2026-11-02").body()).contains("at most 366");
        assertThat(get("/shared-mailboxes/nobody@example.test/dashboard").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutDatesTheReportShouldCoverTheSevenDaysEndingToday() throws Exception {
        JsonNode report = JSON.readTree(WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/report"));

        assertThat(report.get("from").asText()).isEqualTo("2026-11-03");
        assertThat(report.get("to").asText()).isEqualTo("2026-11-09");
    }

    private JsonNode total() throws Exception {
        return JSON.readTree(WebAdminClient.get(server, WEEK_AND_TODAY)).get("total");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().webAdmin() + path))
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
