package com.teaminbox.it;

import static com.teaminbox.it.Submissions.SUPPORT;
import static com.teaminbox.it.Submissions.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.teaminbox.demo.DemoHome;

/** Review and reload of the shared mailboxes over WebAdmin, with a real HTTP client. */
class WebAdminIntegrationTest {
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String CAROL = "carol@example.test";
    private static final String DAVE = "dave@example.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<DemoHome> home = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home::set);

    @Test
    void listShouldShowEverySharedMailboxWithItsTicketPrefixAndMembers() throws Exception {
        HttpResponse<String> response = get("/shared-mailboxes");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = JSON.readTree(response.body());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("address").asText()).isEqualTo(SUPPORT);
        assertThat(list.get(0).get("ticketPrefix").asText()).isEqualTo("SUP");
        assertThat(list.get(0).get("members").toString()).isEqualTo(
            "[{\"address\":\"alice@example.test\",\"role\":\"full\"},"
                + "{\"address\":\"bob@example.test\",\"role\":\"read-only\"},"
                + "{\"address\":\"carol@example.test\",\"role\":\"send-as\"}]");
        assertThat(list.get(1).get("address").asText()).isEqualTo("sales@example.test");
        assertThat(list.get(1).get("ticketPrefix").asText()).isEqualTo("SAL");
    }

    @Test
    void reviewShouldShowRolesSendPermissionsAndWhatEachFoldersAclGrants() throws Exception {
        // The owner's session (alice by delegation) may change an ACL: give bob "lr" on INBOX by hand.
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.command("SETACL \"INBOX\" \"" + BOB + "\" \"lr\"")).as(imap.lastReply()).isTrue();
        }

        HttpResponse<String> response = get("/shared-mailboxes/" + SUPPORT);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode review = JSON.readTree(response.body());
        assertThat(review.get("members").toString()).isEqualTo(
            "[{\"address\":\"alice@example.test\",\"role\":\"full\",\"configuredRights\":\"lrswipkxtea\",\"sendPermission\":\"send-as\"},"
                + "{\"address\":\"bob@example.test\",\"role\":\"read-only\",\"configuredRights\":\"lr\",\"sendPermission\":\"none\"},"
                + "{\"address\":\"carol@example.test\",\"role\":\"send-as\",\"configuredRights\":\"\",\"sendPermission\":\"send-as\"}]");
        List<String> folderNames = JSON.convertValue(review.get("folders").findValues("name"), JSON.getTypeFactory()
            .constructCollectionType(List.class, String.class));
        assertThat(folderNames).containsExactly("INBOX", "Sent", "Archive", "Junk", "Trash", "Templates", "Billing");
        JsonNode inbox = review.get("folders").get(0);
        assertThat(inbox.get("exists").asBoolean()).isTrue();
        assertThat(inbox.get("acl").get(BOB).asText()).isEqualTo("lr");
        JsonNode bobOnInbox = inbox.get("members").get(1);
        assertThat(bobOnInbox.get("address").asText()).isEqualTo(BOB);
        assertThat(bobOnInbox.get("configuredRights").asText()).isEqualTo("lr");
        assertThat(bobOnInbox.get("aclRights").asText()).isEqualTo("lr");
        for (JsonNode folder : review.get("folders")) {
            for (JsonNode member : folder.get("members")) {
                String address = member.get("address").asText();
                String inAcl = folder.get("acl").has(address) ? folder.get("acl").get(address).asText() : "";
                assertThat(member.get("aclRights").asText()).as("%s on %s", address, folder.get("name")).isEqualTo(inAcl);
                // alice's role says lrswipkxtea, James stores aeiklprstwx: the same rights, compared as sets.
                assertThat(member.get("inSync").asBoolean()).as("%s in sync on %s", address, folder.get("name")).isTrue();
            }
        }
    }

    @Test
    void unknownAddressShouldAnswer404WithAJsonError() throws Exception {
        HttpResponse<String> response = get("/shared-mailboxes/nobody@example.test");

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("statusCode").asInt()).isEqualTo(404);
        assertThat(error.get("message").asText()).isEqualTo("nobody@example.test is not a shared mailbox");
    }

    @Test
    void invalidFileShouldBeRefusedWith400AndThePreviousConfigurationStayInForce() throws Exception {
        Files.writeString(home.get().configurationFile("shared-mailboxes.xml"), "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"boss\"/>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n");

        HttpResponse<String> response = post("/shared-mailboxes/reload");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText())
            .contains("shared-mailboxes.xml:3: <member> role 'boss' is not defined");
        assertThat(JSON.readTree(get("/shared-mailboxes").body()).findValuesAsText("address"))
            .contains(SUPPORT, "sales@example.test", CAROL);
        assertThat(submit(server, CAROL, CAROL, SUPPORT, Optional.empty(), "still send-as").isAccepted())
            .as("carol keeps her send-as role").isTrue();
    }

    @Test
    void validFileShouldBeAppliedAndProvisionedWithoutRestart() throws Exception {
        Files.writeString(home.get().configurationFile("shared-mailboxes.xml"), "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <member address=\"dave@example.test\" role=\"send-as\"/>\n"
            + "  </shared-mailbox>\n"
            + "  <shared-mailbox address=\"help@example.test\" ticket-prefix=\"HLP\">\n"
            + "    <folder name=\"Escalated\"/>\n"
            + "    <member address=\"bob@example.test\" role=\"full\"/>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n");

        HttpResponse<String> response = post("/shared-mailboxes/reload");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
            .isEqualTo("{\"sharedMailboxes\":[\"support@example.test\",\"help@example.test\"],\"provisioningFailures\":{},\"waitingForJames\":[]}");
        JsonNode help = JSON.readTree(get("/shared-mailboxes/help@example.test").body());
        assertThat(help.get("folders").findValuesAsText("name")).contains("INBOX", "Escalated");
        assertThat(help.get("folders").findValues("exists")).allMatch(JsonNode::asBoolean);
        assertThat(submit(server, DAVE, DAVE, SUPPORT, Optional.empty(), "dave now sends as support").isAccepted())
            .as("dave's new role is in force on the submission port").isTrue();
        assertThat(submit(server, CAROL, CAROL, SUPPORT, Optional.empty(), "carol was removed").code()).isEqualTo(550);
    }

    /** What a web page can make a browser post to WebAdmin without a CORS preflight (HTML forms, fetch in no-cors mode). */
    @Test
    void mutatingRoutesShouldRefuseWhatACrossSiteFormCanSend() throws Exception {
        Files.writeString(home.get().configurationFile("shared-mailboxes.xml"), "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"help@example.test\" ticket-prefix=\"HLP\"/>\n"
            + "</shared-mailboxes>\n");

        for (String contentType : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
            "text/plain; charset=UTF-8", "")) {
            HttpResponse<String> reload = postAs("/shared-mailboxes/reload", contentType, "a=b");
            HttpResponse<String> retention = postAs("/shared-mailboxes/" + SUPPORT + "/retention?dryRun=false", contentType, "a=b");

            assertThat(reload.statusCode()).as(contentType).isEqualTo(415);
            assertThat(JSON.readTree(reload.body()).get("message").asText()).as(contentType)
                .isEqualTo("POST /shared-mailboxes/reload needs 'Content-Type: application/json' (found '" + contentType
                    + "'): a cross-site form cannot send it");
            assertThat(retention.statusCode()).as(contentType).isEqualTo(415);
        }
        assertThat(JSON.readTree(get("/shared-mailboxes").body()).findValuesAsText("address"))
            .as("the configuration in force is unchanged").contains(SUPPORT).doesNotContain("help@example.test");
        assertThat(JSON.readTree(get("/tasks").body())).as("no retention task was submitted").isEmpty();
    }

    @Test
    void mutatingRoutesShouldAnswerTheDocumentedJsonRequests() throws Exception {
        HttpResponse<String> reload = postAs("/shared-mailboxes/reload", "application/json; charset=UTF-8", "");
        HttpResponse<String> retention = postAs("/shared-mailboxes/" + SUPPORT + "/retention", "Application/JSON", "{}");

        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(retention.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(retention.body()).get("taskId").asText()).isNotEmpty();
    }

    private HttpResponse<String> postAs(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.ports().webAdmin() + path);
    }
}
