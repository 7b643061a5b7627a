package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rules change while the server runs: a broken edit is refused and mail keeps flowing under the old rules. */
class RulesReloadIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(configuration("subject:invoice")));

    private static String configuration(String billingCondition) {
        return "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <folder name=\"Billing\"/>\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <rules>\n"
            + "      <rule name=\"billing\" when=\"" + billingCondition + "\"><file-into folder=\"Billing\"/></rule>\n"
            + "    </rules>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
    }

    private HttpResponse<String> reloadWith(String xml) throws Exception {
        Files.writeString(server.home().configurationFile("shared-mailboxes.xml"), xml);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.ports().webAdmin() + "/shared-mailboxes/reload"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void brokenEditShouldBeRefusedAndTheOldRulesKeepRunning() throws Exception {
        HttpResponse<String> refused = reloadWith(configuration("subject:(invoice OR"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("shared-mailboxes.xml:6: <rule> query 'subject:(invoice OR' is invalid");
        server.smtp().send(JANE, "Invoice 42", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "Billing", 1);
    }

    @Test
    void goodEditShouldApplyToTheNextMail() throws Exception {
        server.smtp().send(JANE, "Invoice 42", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "Billing", 1);

        assertThat(reloadWith(configuration("subject:quote")).statusCode()).isEqualTo(200);
        server.smtp().send(JANE, "Invoice 43", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        server.smtp().send(JANE, "Quote for 50 seats", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "Billing", 2);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-2] Invoice 43");
        }
    }
}
