package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.teaminbox.it.WebhookReceiver.Received;

/**
 * The two recipes of docs/integrations.md, as shipped in {@code samples/webhooks/}: a real server
 * sends a ticket's webhooks through each template to a receiver that parses the JSON and checks
 * the shape the chat or tracker expects, with a subject that tries to break out of its string.
 */
class WebhookRecipesIntegrationTest {
    private static final Path SAMPLES = Path.of("..", "samples", "webhooks");
    private static final String SUBJECT = "Printer \"on fire\" \\ see https://evil.example/x";

    private final WebhookReceiver receiver = startReceiver();

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home
        .withConfigurationFile("webhook.whsec", WebhookReceiver.SECRET)
        .withConfigurationFile("chat-message.json", sample("chat-message.json"))
        .withConfigurationFile("tracker-issue.json", sample("tracker-issue.json"))
        .withSharedMailboxes("<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <rules><rule name=\"bug reports\" when=\"subject:printer\"><webhook endpoint=\"tracker\"/></rule></rules>\n"
            + "    <webhooks>\n"
            + "      <endpoint name=\"chat\" url=\"" + receiver.url() + "?chat\" allow-private-network=\"true\" events=\"ticket.created\""
            + " template=\"chat-message.json\"><secret file=\"webhook.whsec\"/></endpoint>\n"
            + "      <endpoint name=\"tracker\" url=\"" + receiver.url() + "?tracker\" allow-private-network=\"true\""
            + " template=\"tracker-issue.json\"><secret file=\"webhook.whsec\"/></endpoint>\n"
            + "    </webhooks>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n"));

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sample(String name) {
        try {
            return Files.readString(SAMPLES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void theChatAndTrackerRecipesShouldSendTheShapesTheirReceiversExpect() throws Exception {
        server.smtp().send("jane@customer.test", SUBJECT, "support@example.test");
        try {
            TeamInboxServer.awaitUntil(() -> receiver.received().size() == 2, "a chat message and a tracker issue");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; received " + receiver.received() + "; deliveries "
                + WebAdminClient.get(server, "/shared-mailboxes/support@example.test/webhooks/deliveries") + "; audit "
                + AuditRecords.of(server).stream().map(record -> record.type().wireName()).toList(), e);
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> bodies = receiver.received().stream().map(Received::body).map(body -> {
            try {
                return json.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }).toList();
        assertThat(receiver.received()).allMatch(request -> WebhookReceiver.verifies(request, WebhookReceiver.SECRET));

        JsonNode chat = bodies.stream().filter(body -> body.has("text")).findFirst().orElseThrow();
        assertThat(fieldNames(chat)).containsExactlyInAnyOrder("text", "username");
        assertThat(chat.get("text").asText())
            .isEqualTo("*SUP-1* SUP-1 created by jane@customer.test: Printer \"on fire\" \\ see [link]");
        assertThat(chat.get("username").asText()).isEqualTo("TeamInbox support@example.test");

        JsonNode issue = bodies.stream().filter(body -> body.has("title")).findFirst().orElseThrow();
        assertThat(fieldNames(issue)).containsExactlyInAnyOrder("title", "description", "labels");
        assertThat(issue.get("title").asText()).isEqualTo("[SUP-1] Printer \"on fire\" \\ see [link]");
        assertThat(issue.get("description").asText()).startsWith("SUP-1 matched rule bug reports by jane@customer.test: ")
            .contains("\nShared mailbox: support@example.test\nFrom: jane@customer.test\nMessage-ID: <", "Webhook: msg_", "(rule.matched, ");
        assertThat(issue.get("labels").asText()).isEqualTo("support,rule.matched");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
