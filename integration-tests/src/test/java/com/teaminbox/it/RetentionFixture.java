package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Module;
import com.teaminbox.demo.DemoHome;

/**
 * The shared ground of the retention tests: the demo's support@ policies (Junk deleted after
 * 30 days, answered INBOX mail archived after 90, {@code $Hold}, minimum age 7 days) plus a
 * sender hold, a ticket hold and a Trash policy at exactly the minimum age; a fixed "now";
 * messages APPENDed by alice with past INTERNALDATEs; WebAdmin calls.
 */
final class RetentionFixture {
    static final String SUPPORT = "support@example.test";
    static final String ALICE = "alice@example.test";
    static final String BOB = "bob@example.test";
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String EXTENSIONS = "guice.extension.module=" + CapturedAudit.EXTENSION_MODULE + "\n"
        + "guice.extension.startable=com.teaminbox.demo.DemoAccounts,com.teaminbox.james.provisioning.SharedMailboxesProvisioning,"
        + "com.teaminbox.james.retention.RetentionSchedule\n"
        + "guice.extension.task=com.teaminbox.james.retention.RetentionTaskExtensionModule\n";
    static final String EXTRA_POLICIES = "            <folder name=\"Trash\" delete-after=\"7d\"/>\n"
        + "            <hold keyword=\"$Hold\" reason=\"legal hold\"/>\n"
        + "            <hold sender=\"counsel@lawfirm.test\"/>\n"
        + "            <hold ticket=\"SUP-12\"/>\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RetentionFixture() {
    }

    /** The demo configuration, its support@ retention extended (or replaced, for {@code holdLines}). */
    static void configure(DemoHome home, String holdLines) {
        try {
            String demo = Files.readString(home.configurationFile("shared-mailboxes.xml"));
            String extended = demo.replace("            <hold keyword=\"$Hold\" reason=\"legal hold\"/>\n", holdLines);
            assertThat(extended).isNotEqualTo(demo);
            home.withSharedMailboxes(extended);
            home.withConfigurationFile("extensions.properties", EXTENSIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Module clock(Clock clock) {
        return binder -> binder.bind(Clock.class).toInstance(clock);
    }

    /**
     * Junk: j1 40 days old, j2 20 days, j3 40 days with $Hold, j4 40 days from counsel@lawfirm.test,
     * j5 40 days about [SUP-12]. INBOX: i1 answered and 106 days old (1 March), i2 not answered,
     * i3 answered with $Hold, i4 answered 5 days old. Trash: t6 6 days old, t8 8 days old.
     */
    static void appendMessages(TeamInboxServer server) throws IOException {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            append(imap, "Junk", "j1", "", days(40), "jane@customer.test", "Cheap watches");
            append(imap, "Junk", "j2", "", days(20), "jane@customer.test", "Cheap pills");
            append(imap, "Junk", "j3", "$Hold", days(40), "jane@customer.test", "Evidence");
            append(imap, "Junk", "j4", "", days(40), "Counsel <counsel@lawfirm.test>", "Our letter");
            append(imap, "Junk", "j5", "", days(40), "jane@customer.test", "Re: [SUP-12] refund");
            append(imap, "INBOX", "i1", "\\Answered", Instant.parse("2026-03-01T09:30:00Z"), "jane@customer.test", "[SUP-1] Help");
            append(imap, "INBOX", "i2", "", days(106), "jane@customer.test", "[SUP-2] Open question");
            append(imap, "INBOX", "i3", "\\Answered $Hold", days(106), "jane@customer.test", "[SUP-3] Disputed");
            append(imap, "INBOX", "i4", "\\Answered", days(5), "jane@customer.test", "[SUP-4] Recent");
            append(imap, "Trash", "t6", "", days(6), "jane@customer.test", "Six days");
            append(imap, "Trash", "t8", "", days(8), "jane@customer.test", "Eight days");
        }
    }

    static Instant days(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static void append(ImapTestClient imap, String folder, String id, String flags, Instant internalDate, String from,
                               String subject) throws IOException {
        String message = "From: " + from + "\r\n"
            + "To: support@example.test\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + id + "@retention.test>\r\n"
            + "\r\n"
            + "Body of " + id + "\r\n";
        assertThat(imap.append(folder, flags, internalDate, message)).as(imap.lastReply()).isTrue();
    }

    /** The ids (j1, i3...) of the messages of a folder (IMAP name: levels joined by James's delimiter, "."), in order. */
    static List<String> ids(TeamInboxServer server, String member, String folder) throws IOException {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, member)) {
            imap.select(folder);
            return imap.headers("Message-ID").stream()
                .map(value -> value.replaceAll("[<>]", "").replace("@retention.test", ""))
                .toList();
        }
    }

    /** POST /shared-mailboxes/{address}/retention[?dryRun=…]. */
    static HttpResponse<String> submit(TeamInboxServer server, String address, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(server, "/shared-mailboxes/" + address + "/retention" + query))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Submits a run and waits for its end; answers GET /tasks/{id}. */
    static JsonNode run(TeamInboxServer server, boolean dryRun) throws Exception {
        HttpResponse<String> submitted = submit(server, SUPPORT, "?dryRun=" + dryRun);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String taskId = JSON.readTree(submitted.body()).get("taskId").asText();
        get(server, "/tasks/" + taskId + "/await?timeout=30s");
        return JSON.readTree(get(server, "/tasks/" + taskId).body());
    }

    static HttpResponse<String> get(TeamInboxServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(server, path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(TeamInboxServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.ports().webAdmin() + path);
    }
}
