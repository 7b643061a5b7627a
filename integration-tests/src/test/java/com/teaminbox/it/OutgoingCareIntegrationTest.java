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
import com.teaminbox.core.audit.AuditRecord;

/** Outgoing care on the submission port, with a raw SMTP client: the data-loss checks and the collision guard. */
class OutgoingCareIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String VISA = "4111 1111 1111 1111";
    private static final String IBAN = "FR76 3000 6000 0112 3456 7890 189";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"full\"/>\n"
        + "    <data-loss>\n"
        + "      <card-numbers action=\"refuse\"/>\n"
        + "      <ibans action=\"hold\"/>\n"
        + "      <pattern name=\"internal-host\" action=\"flag\" regex=\"[a-z0-9-]+\\.corp\\.example\\.test\"/>\n"
        + "    </data-loss>\n"
        + "    <collision-guard mode=\"refuse\" answer=\"permanent\" resend-window=\"10m\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    private SubmissionClient.Reply submit(String member, String subject, String body, String... headers) throws Exception {
        StringBuilder raw = new StringBuilder("From: " + SUPPORT + "\r\nTo: " + JANE + "\r\nSubject: " + subject + "\r\n");
        for (String header : headers) {
            raw.append(header).append("\r\n");
        }
        raw.append("\r\n").append(body).append("\r\n");
        return new SubmissionClient(server.ports().submission()).send(member, TeamInboxServer.PASSWORD, member, JANE, raw.toString());
    }

    private List<String> janeReceived(int count, String header) throws Exception {
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(JANE)) {
                return imap.messageCount("INBOX") >= count;
            }
        }, count + " mail(s) for jane");
        try (ImapTestClient imap = server.imapAs(JANE)) {
            imap.select("INBOX");
            return imap.headers(header);
        }
    }

    private void customerWrites(String subject) throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: " + subject
            + "\r\nMessage-ID: <question@customer.test>\r\n\r\nHelp\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
    }

    @Test
    void secondMemberAnsweringTheSameTicketShouldBeRefusedNamingTheFirstThenAcceptedOnResend() throws Exception {
        customerWrites("Printer broken");
        assertThat(submit(ALICE, "Re: [SUP-1] Printer broken", "We will send a technician.").isAccepted()).isTrue();
        server.awaitMessages(SUPPORT, ALICE, "Sent", 1);

        SubmissionClient.Reply refused = submit(BOB, "Re: [SUP-1] Printer broken", "Please restart it.");
        SubmissionClient.Reply resent = submit(BOB, "Re: [SUP-1] Printer broken", "Please restart it.");

        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).contains("5.7.1 SUP-1 was answered by alice@example.test ").contains("; resend to reply anyway");
        assertThat(resent.isAccepted()).isTrue();
        assertThat(janeReceived(2, "Subject")).hasSize(2);
        assertThat(AuditRecords.of(server, AuditEventType.COLLISION_REFUSED)).singleElement()
            .satisfies(record -> assertThat(record.details()).containsEntry("firstReplier", ALICE));
        assertThat(AuditRecords.of(server, AuditEventType.COLLISION_RESENT)).hasSize(1);
    }

    @Test
    void internalNoteShouldNotBeBlocked() throws Exception {
        customerWrites("Printer broken");
        assertThat(submit(ALICE, "Re: [SUP-1] Printer broken", "We will send a technician.").isAccepted()).isTrue();
        server.awaitMessages(SUPPORT, ALICE, "Sent", 1);

        SubmissionClient.Reply note = new SubmissionClient(server.ports().submission()).send(BOB, TeamInboxServer.PASSWORD, BOB, ALICE,
            "From: " + SUPPORT + "\r\nTo: " + ALICE + "\r\nSubject: Re: [SUP-1] Printer broken\r\n\r\nAlice, I know this customer.\r\n");

        assertThat(note.isAccepted()).isTrue();
        assertThat(AuditRecords.of(server, AuditEventType.COLLISION_REFUSED)).isEmpty();
    }

    @Test
    void validCardNumberShouldBeRefusedNamingDetectorAndLocationNeverTheValue() throws Exception {
        SubmissionClient.Reply refused = submit(ALICE, "Your refund", "Refunded to card " + VISA + ".");

        assertThat(refused.code()).isEqualTo(550);
        assertThat(refused.text()).contains("5.7.1").contains("card-numbers in text body").doesNotContain("4111");
        assertThat(AuditRecords.of(server, AuditEventType.DATA_LOSS_REFUSED)).singleElement()
            .satisfies(record -> assertThat(record.reason()).contains("card-numbers in text body"));
        assertThat(AuditRecords.rawText(server)).doesNotContain("4111");
    }

    @Test
    void luhnInvalidNumberShouldBeDelivered() throws Exception {
        SubmissionClient.Reply accepted = submit(ALICE, "Your order", "Order 4111 1111 1111 1112 is on its way.");

        assertThat(accepted.isAccepted()).isTrue();
        assertThat(janeReceived(1, "Subject")).containsExactly("Your order");
    }

    @Test
    void customPatternShouldBeFlaggedAndDelivered() throws Exception {
        SubmissionClient.Reply accepted = submit(ALICE, "Logs", "See build7.corp.example.test for the logs.");

        assertThat(accepted.isAccepted()).isTrue();
        assertThat(janeReceived(1, "X-TeamInbox-DLP")).containsExactly("internal-host in text body");
        assertThat(AuditRecords.of(server, AuditEventType.DATA_LOSS_FLAGGED)).hasSize(1);
    }

    @Test
    void ibanShouldBeHeldThenReleasedOverWebAdminAcrossARestartAndDelivered() throws Exception {
        SubmissionClient.Reply held = submit(ALICE, "Bank details", "Please pay to " + IBAN + " by Friday.");

        assertThat(held.code()).isEqualTo(250);
        assertThat(held.text()).contains("held for review").contains("ibans in text body").doesNotContain("FR76");
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(ALICE)) {
                return imap.messageCount("INBOX") >= 1;
            }
        }, "the held-mail notice for alice");
        try (ImapTestClient imap = server.imapAs(JANE)) {
            assertThat(imap.messageCount("INBOX")).isZero();
        }

        assertThat(bankDetailsSent()).as("a held reply has not gone out: no send-accepted yet").isEmpty();

        server.restart();

        String listed = WebAdminClient.get(server, "/shared-mailboxes/support@example.test/held");
        Matcher key = KEY.matcher(listed);
        assertThat(key.find()).as(listed).isTrue();
        assertThat(listed).contains("ibans in text body").doesNotContain("FR76");
        HttpResponse<String> released = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.ports().webAdmin() + "/shared-mailboxes/support@example.test/held/" + key.group(1) + "/release"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());

        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(janeReceived(1, "Subject")).containsExactly("Bank details");
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/support@example.test/held")).doesNotContain(key.group(1));
        List<AuditRecord> releases = AuditRecords.of(server, AuditEventType.HELD_RELEASED);
        assertThat(releases).singleElement().satisfies(record -> assertThat(record.details()).containsEntry("member", ALICE));
        assertThat(bankDetailsSent()).as("released, alice's reply counts for the SLA clock, the reports and the webhooks")
            .singleElement().satisfies(record -> {
                assertThat(record.actor().name()).isEqualTo(ALICE);
                assertThat(record.mailbox()).contains("support@example.test");
                assertThat(record.details()).containsEntry("stage", "release");
            });
        assertThat(AuditRecords.rawText(server)).doesNotContain("FR76");
    }

    private List<AuditRecord> bankDetailsSent() {
        return AuditRecords.of(server, AuditEventType.SEND_ACCEPTED).stream()
            .filter(record -> "Bank details".equals(record.details().get("subject")))
            .toList();
    }
}
