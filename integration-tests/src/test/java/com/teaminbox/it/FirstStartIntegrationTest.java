package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * A first start that works: a member who is not a James user yet, and a shared mailbox in a
 * domain James does not serve yet, do not stop James (on a new installation, and at every start
 * of a memory server, both are created over WebAdmin, which needs James running). Each is reported
 * (log, WebAdmin review) and takes effect once James has it: the member as soon as the account
 * exists, the shared mailbox at the next reload.
 */
class FirstStartIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String HELP = "help@later.test";
    private static final String ZOE = "zoe@example.test";
    private static final String CONFIGURATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"zoe@example.test\" role=\"read-only\"/>\n"
        + "  </shared-mailbox>\n"
        + "  <shared-mailbox address=\"help@later.test\" ticket-prefix=\"HLP\">\n"
        + "    <member address=\"sam@later.test\" role=\"full\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    @Order(1)
    LogCapture log = new LogCapture(SharedMailboxesConfigurationStore.class);

    @RegisterExtension
    @Order(2)
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void memberWithoutAccountAndUnservedDomainShouldBeReportedNotFatal() throws Exception {
        assertThat(log.messages()).contains(
            "Waiting for James: shared-mailboxes.xml:5: <member> address 'zoe@example.test' is not a James user yet: their rights "
                + "take effect as soon as the account exists (WebAdmin PUT /users/zoe@example.test)",
            "Waiting for James: shared-mailboxes.xml:7: <shared-mailbox> address 'help@later.test' is not in a domain James serves "
                + "yet: not provisioned; add 'later.test' (WebAdmin PUT /domains/later.test, or domainlist.xml), then reload "
                + "(POST /shared-mailboxes/reload)");
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT))
            .contains("\"waitingForJames\":[\"shared-mailboxes.xml:5: <member> address 'zoe@example.test' is not a James user yet");
        assertThat(AuditRecords.of(server))
            .filteredOn(record -> record.type() == AuditEventType.CONFIGURATION_LOADED)
            .first().satisfies(record -> assertThat(record.details().get("waitingForJames"))
                .contains("<member> address 'zoe@example.test' is not a James user yet", "address 'help@later.test' is not in a domain"));
        // The shared mailbox whose domain is served works from the first start.
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, "alice@example.test")) {
            assertThat(imap.listFolders()).contains("INBOX", "Sent");
        }
    }

    @Test
    void memberShouldGetTheirRoleAsSoonAsTheirAccountExists() throws Exception {
        assertThat(send("PUT", "/users/" + ZOE, "{\"password\":\"" + TeamInboxServer.PASSWORD + "\"}").statusCode()).isEqualTo(204);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ZOE)) {
            assertThat(imap.listFolders()).contains("INBOX");
        }
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT)).contains("\"waitingForJames\":[]");
    }

    @Test
    void sharedMailboxShouldBeProvisionedAtTheReloadAfterItsDomainIsAdded() throws Exception {
        assertThat(send("PUT", "/domains/later.test", "").statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/users/sam@later.test", "{\"password\":\"" + TeamInboxServer.PASSWORD + "\"}").statusCode()).isEqualTo(204);

        HttpResponse<String> reload = send("POST", "/shared-mailboxes/reload", "");

        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        try (ImapTestClient imap = server.imapAsMemberOf(HELP, "sam@later.test")) {
            assertThat(imap.listFolders()).contains("INBOX", "Sent");
        }
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().webAdmin() + path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
