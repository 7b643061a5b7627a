package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;

/** The collision guard in warn mode, and discarding held mail: the rest of outgoing care over real clients. */
class OutgoingCareWarnIntegrationTest {
    private static final String SALES = "sales@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"full\"/>\n"
        + "    <data-loss><ibans action=\"hold\"/></data-loss>\n"
        + "    <collision-guard mode=\"warn\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    private SubmissionClient.Reply submit(String member, String subject, String body) throws Exception {
        return new SubmissionClient(server.ports().submission()).send(member, TeamInboxServer.PASSWORD, member, JANE,
            "From: " + SALES + "\r\nTo: " + JANE + "\r\nSubject: " + subject + "\r\n\r\n" + body + "\r\n");
    }

    private List<String> received(String user, int count, String header) throws Exception {
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(user)) {
                return imap.messageCount("INBOX") >= count;
            }
        }, count + " mail(s) for " + user);
        try (ImapTestClient imap = server.imapAs(user)) {
            imap.select("INBOX");
            return imap.headers(header);
        }
    }

    @Test
    void warnModeShouldDeliverWithAHeaderAndTellTheFirstReplier() throws Exception {
        server.smtp().sendRaw(JANE, SALES, "From: " + JANE + "\r\nTo: " + SALES + "\r\nSubject: Quote please\r\n\r\nHow much?\r\n");
        server.awaitMessages(SALES, ALICE, "INBOX", 1);
        assertThat(submit(ALICE, "Re: [SAL-1] Quote please", "100 EUR.").isAccepted()).isTrue();
        server.awaitMessages(SALES, ALICE, "Sent", 1);

        SubmissionClient.Reply second = submit(BOB, "Re: [SAL-1] Quote please", "90 EUR for you.");

        assertThat(second.isAccepted()).isTrue();
        assertThat(received(JANE, 2, "X-TeamInbox-Collision")).singleElement()
            .satisfies(value -> assertThat(value).startsWith("SAL-1 answered by alice@example.test at "));
        assertThat(received(ALICE, 1, "Subject")).singleElement().satisfies(subject -> assertThat(subject)
            .isEqualTo("[SAL-1] bob@example.test also replied"));
        assertThat(AuditRecords.of(server, AuditEventType.COLLISION_WARNED)).hasSize(1);
    }

    @Test
    void discardedHeldMailShouldNeverBeDelivered() throws Exception {
        assertThat(submit(ALICE, "Bank", "IBAN FR76 3000 6000 0112 3456 7890 189").code()).isEqualTo(250);
        Matcher key = KEY.matcher(WebAdminClient.get(server, "/shared-mailboxes/sales@example.test/held"));
        assertThat(key.find()).isTrue();
        String url = "http://127.0.0.1:" + server.ports().webAdmin() + "/shared-mailboxes/sales@example.test/held/" + key.group(1);

        HttpResponse<String> discarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/sales@example.test/held")).doesNotContain(key.group(1));
        assertThat(AuditRecords.of(server, AuditEventType.HELD_DISCARDED)).hasSize(1);
        try (ImapTestClient imap = server.imapAs(JANE)) {
            assertThat(imap.messageCount("INBOX")).isZero();
        }
    }
}
