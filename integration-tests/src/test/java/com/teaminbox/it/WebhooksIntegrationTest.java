package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.it.WebhookReceiver.Received;

/**
 * Issue 21: signed webhooks with durable retries, against a real HTTP receiver in the test.
 * Retries are made fast by the configuration ({@code first-retry="PT0.3S" max-retry="PT0.6S"}),
 * not by sleeping: each test waits for what the receiver got.
 */
class WebhooksIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    private final WebhookReceiver receiver = startReceiver();

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home
        .withConfigurationFile("webhook.whsec", WebhookReceiver.SECRET + "\n")
        .withConfigurationFile("webhook-next.whsec", WebhookReceiver.ROTATED_SECRET)
        .withSharedMailboxes(configuration(receiver.url())));

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String configuration(String url) {
        return "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <rules>\n"
            + "      <rule name=\"printers\" when=\"subject:printer\"><webhook endpoint=\"receiver\"/><assign member=\"alice@example.test\"/></rule>\n"
            + "    </rules>\n"
            + "    <webhooks first-retry=\"PT0.3S\" max-retry=\"PT0.6S\" timeout=\"PT5S\">\n"
            + "      <endpoint name=\"receiver\" url=\"" + url + "\" allow-private-network=\"true\" events=\"*\">\n"
            + "        <secret file=\"webhook.whsec\"/>\n"
            + "        <secret file=\"webhook-next.whsec\"/>\n"
            + "      </endpoint>\n"
            + "    </webhooks>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void ticketEventsShouldArriveSignedWithBothSecretsDuringRotation() throws Exception {
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> types().containsAll(Set.of("ticket.created", "rule.matched", "ticket.assigned")), "the new ticket's webhooks");
        server.smtp().send(JANE, "Re: [SUP-1] Any news?", SUPPORT);
        Submissions.submit(server, ALICE, SUPPORT, SUPPORT, Optional.empty(), "Re: [SUP-1] Printer broken");
        TeamInboxServer.awaitUntil(() -> types().containsAll(Set.of("ticket.customer-replied", "ticket.member-replied")), "the replies' webhooks");

        List<Received> received = receiver.received();
        assertThat(received).allSatisfy(request -> {
            assertThat(WebhookReceiver.verifies(request, WebhookReceiver.SECRET)).as("signed with the current secret: " + request).isTrue();
            assertThat(WebhookReceiver.verifies(request, WebhookReceiver.ROTATED_SECRET)).as("signed with the next secret: " + request).isTrue();
            assertThat(request.id()).startsWith("msg_");
            assertThat(request.contentType()).isEqualTo("application/json");
            assertThat(request.body()).contains("\"sharedMailbox\":\"support@example.test\"", "\"ticket\":\"SUP-1\"");
        });
        assertThat(received).extracting(Received::id).doesNotHaveDuplicates();
        assertThat(receiver.received("ticket.created")).singleElement().satisfies(request -> assertThat(request.body())
            .contains("\"subject\":\"Printer broken\"", "\"actor\":{\"kind\":\"external-sender\",\"name\":\"jane@customer.test\"}"));
        assertThat(receiver.received("ticket.assigned")).singleElement()
            .satisfies(request -> assertThat(request.body()).contains("\"assignee\":\"alice@example.test\""));
        assertThat(receiver.received("rule.matched")).singleElement()
            .satisfies(request -> assertThat(request.body()).contains("\"rule\":\"printers\""));
        assertThat(receiver.received("ticket.member-replied")).singleElement()
            .satisfies(request -> assertThat(request.body()).contains("\"actor\":{\"kind\":\"member\",\"name\":\"alice@example.test\"}"));
    }

    @Test
    void aReceiverAnswering503ThreeTimesShouldGetOneSuccessfulDeliveryWithTheSameId() throws Exception {
        receiver.answering(503, 503, 503);
        server.smtp().send(JANE, "Scanner broken", SUPPORT);

        TeamInboxServer.awaitUntil(() -> receiver.received().stream().anyMatch(request -> request.answered() == 200), "a successful try");
        List<Received> tries = receiver.received("ticket.created");
        assertThat(tries).extracting(Received::answered).containsExactly(503, 503, 503, 200);
        assertThat(tries).extracting(Received::id).containsOnly(tries.get(0).id());
        assertThat(tries).extracting(Received::body).containsOnly(tries.get(0).body());
        TeamInboxServer.awaitUntil(() -> deliveries().contains("\"id\":\"" + tries.get(0).id() + "\",\"endpoint\":\"receiver\",\"type\":\"ticket.created\","
            + "\"status\":\"delivered\",\"attempts\":4"), "the delivery listed as delivered after 4 tries");
    }

    @Test
    void aRestartBetweenTriesShouldLoseNothing() throws Exception {
        receiver.thenAnswering(503);
        server.smtp().send(JANE, "Scanner broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> !receiver.received("ticket.created").isEmpty(), "a first, failed try");

        server.restart(() -> receiver.thenAnswering(200));

        TeamInboxServer.awaitUntil(() -> receiver.received("ticket.created").stream().anyMatch(request -> request.answered() == 200),
            "the delivery after the restart");
        List<Received> tries = receiver.received("ticket.created");
        assertThat(tries).extracting(Received::id).containsOnly(tries.get(0).id());
        assertThat(tries).filteredOn(request -> request.answered() == 200).hasSize(1);
    }

    @Test
    void aReceiverAnswering410ShouldDisableTheEndpointUntilReEnabled() throws Exception {
        receiver.answering(410);
        server.smtp().send(JANE, "Scanner broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> !AuditRecords.of(server, AuditEventType.WEBHOOK_DISABLED).isEmpty(), "the endpoint disabled");
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/webhooks"))
            .contains("\"name\":\"receiver\"", "\"state\":\"disabled\"", "410 Gone");

        server.smtp().send(JANE, "Fax broken", SUPPORT);
        TeamInboxServer.awaitUntil(() -> AuditRecords.of(server, AuditEventType.TICKET_CREATED).size() == 2
            && deliveries().split("endpoint-disabled", -1).length - 1 == 2, "the second ticket's webhook held back");
        assertThat(receiver.received("ticket.created")).hasSize(1);

        assertThat(post("/shared-mailboxes/" + SUPPORT + "/webhooks/receiver/enable").body()).contains("\"wasDisabled\":true");
        String held = receiver.received("ticket.created").get(0).id();
        String second = deliveries().replaceAll("(?s).*\"id\":\"(msg_[a-z0-9]+)\",\"endpoint\":\"receiver\",\"type\":\"ticket.created\",\"status\":\"endpoint-disabled\",\"attempts\":0.*", "$1");
        assertThat(post("/shared-mailboxes/" + SUPPORT + "/webhooks/deliveries/" + second + "/replay").statusCode()).isEqualTo(202);
        TeamInboxServer.awaitUntil(() -> receiver.received("ticket.created").stream().anyMatch(request -> request.id().equals(second)),
            "the replayed delivery");
        assertThat(second).isNotEqualTo(held);
        assertThat(AuditRecords.of(server, AuditEventType.WEBHOOK_ENABLED)).hasSize(1);
    }

    private Set<String> types() {
        return receiver.received().stream().map(Received::type).collect(Collectors.toSet());
    }

    private String deliveries() throws Exception {
        return WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/webhooks/deliveries");
    }

    private HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.ports().webAdmin() + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
