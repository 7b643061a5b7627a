package com.teaminbox.it;

import static com.teaminbox.it.ReportFixture.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in a real browser: headless Chromium from the distribution's packages
 * ({@code apt-get install chromium}) loads the page from the server and we read the DOM it built.
 * Skipped where no Chromium is installed. Also leaves a screenshot in target/dashboard.png
 * (the one in docs/reports.md comes from here).
 */
class DashboardBrowserIntegrationTest {
    private static final Pattern CARD = Pattern.compile("<div class=\"card\" id=\"([a-z0-9-]+)\"><b>([^<]*)</b>");

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(ReportFixture.seeded(), RetentionFixture.clock(new MovableClock(ReportFixture.NOW)));

    @Test
    void dashboardShouldShowTheFiguresChartsAndOverdueTicketsInChromium() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install chromium)");
        server.smtp().send("jane@customer.test", "Printer on fire", SUPPORT);
        String url = "http://127.0.0.1:" + server.ports().webAdmin() + "/shared-mailboxes/" + SUPPORT + "/dashboard?from=2026-11-02&to=2026-11-09";
        TeamInboxServer.awaitUntil(() -> WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/report?from=2026-11-02&to=2026-11-09")
            .contains("\"newTickets\":5"), "jane's ticket in the report");

        String dom = run(chromium.get(), "--dump-dom", url);

        assertThat(dom).contains("<title>Dashboard of support@example.test, 2026-11-02 to 2026-11-09</title>");
        assertThat(cards(dom)).contains("mails-in=5", "new-tickets=5", "replies=2", "first-response-median=1 h 00 min",
            "first-response-p90=2 h 00 min", "sla-breached=1", "backlog-open=3", "backlog-pending=1", "backlog-overdue=1");
        assertThat(dom).contains("<h2>Overdue tickets (1)</h2>")
            .contains("<td>SUP-903</td><td>2026-11-03T09:00:00Z</td><td>first-response</td><td>2026-11-03T13:00:00Z</td>")
            .contains("<td>alice@example.test</td><td>2</td><td>2</td>");
        for (String chart : List.of("volume", "response-times", "backlog", "sla-breaches")) {
            assertThat(dom).contains("class=\"chart\" id=\"" + chart + "\"");
        }
        assertThat(dom).contains("<title>Mon 2 Mails in: 2</title>").contains("<title>Tue 3 First response: 1</title>")
            .doesNotContain("<script");

        Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
        run(chromium.get(), "--screenshot=" + screenshot, "--window-size=1100,1900", "--hide-scrollbars", url);
        assertThat(screenshot).isNotEmptyFile();
    }

    private static List<String> cards(String dom) {
        List<String> cards = new ArrayList<>();
        Matcher matcher = CARD.matcher(dom);
        while (matcher.find()) {
            cards.add(matcher.group(1) + "=" + matcher.group(2));
        }
        return cards;
    }

    private static Optional<String> chromium() {
        return List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").stream()
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();
    }

    private static String run(String chromium, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-extensions", "--user-data-dir=" + Files.createTempDirectory("teaminbox-chromium")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("Chromium did not finish: " + command);
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
