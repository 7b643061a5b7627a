package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;
import com.teaminbox.james.webhooks.PendingDelivery;
import com.teaminbox.james.webhooks.WebhookDispatcher;

class WebhookRoutesTest {
    private static final String WEBHOOKS = "/shared-mailboxes/support@example.test/webhooks";
    private static final Instant CREATED = Instant.parse("2026-12-06T08:00:00Z");

    private final WebhookDispatcher dispatcher = mock(WebhookDispatcher.class);
    private RoutesServer server;

    @BeforeEach
    void serve() throws Exception {
        when(dispatcher.disabledReason(any(), any())).thenReturn(Optional.empty());
        when(dispatcher.deliveries(any())).thenReturn(List.of(delivery("d1", "chat", "pending"), delivery("d2", "crm", "failed")));
        server = RoutesServer.serving(new WebhookRoutes(inForce(), dispatcher));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static SharedMailboxesConfigurationStore inForce() {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + "    <webhooks>\n"
            + "      <endpoint name=\"chat\" url=\"https://chat.example.com/hooks/T1?token=private\" events=\"ticket.created sla.breached\">"
            + "<secret file=\"s\"/></endpoint>\n"
            + "      <endpoint name=\"crm\" url=\"https://crm.example.com/teaminbox\" events=\"*\"><secret file=\"s\"/></endpoint>\n"
            + "    </webhooks>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser(path -> secret)
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
        SharedMailboxesConfigurationStore store = mock(SharedMailboxesConfigurationStore.class);
        when(store.current()).thenReturn(configuration);
        return store;
    }

    private static PendingDelivery delivery(String id, String endpoint, String status) {
        return new PendingDelivery(id, "support@example.test", endpoint, "ticket.created", "{}", 1, CREATED, CREATED.plusSeconds(60),
            "mx1", Optional.empty(), status, "503 from the receiver", Optional.of(CREATED));
    }

    @Test
    void endpointsShouldBeShownWithoutTheSecretPartOfTheirUrl() throws Exception {
        HttpResponse<String> response = server.get(WEBHOOKS);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode chat = RoutesServer.json(response).get(0);
        assertThat(chat.get("name").asText()).isEqualTo("chat");
        assertThat(chat.get("url").asText()).isEqualTo("https://chat.example.com/…");
        assertThat(chat.get("events").toString()).isEqualTo("[\"sla.breached\",\"ticket.created\"]");
        assertThat(chat.get("state").asText()).isEqualTo("enabled");
        assertThat(chat.get("pending").asInt()).isEqualTo(1);
        assertThat(response.body()).doesNotContain("token=private").doesNotContain("whsec_");
    }

    @Test
    void deliveriesShouldBeFilteredByEndpoint() throws Exception {
        HttpResponse<String> response = server.get(WEBHOOKS + "/deliveries?endpoint=crm");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode deliveries = RoutesServer.json(response);
        assertThat(deliveries).hasSize(1);
        assertThat(deliveries.get(0).get("id").asText()).isEqualTo("d2");
        assertThat(deliveries.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(deliveries.get(0).has("nextTry")).as("only a pending delivery has a next try").isFalse();
    }

    @Test
    void aLimitOutOfRangeShouldBeABadRequest() throws Exception {
        HttpResponse<String> response = server.get(WEBHOOKS + "/deliveries?limit=0");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesServer.json(response).get("message").asText()).startsWith("limit '0' is invalid");
    }

    @Test
    void replayShouldBeAcceptedAndShowTheDeliveryAgain() throws Exception {
        when(dispatcher.replay(any(), eq("d2"))).thenReturn(Optional.of(delivery("d3", "crm", "pending")));

        HttpResponse<String> response = server.postJson(WEBHOOKS + "/deliveries/d2/replay");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(RoutesServer.json(response).get("status").asText()).isEqualTo("pending");
    }

    @Test
    void replayOfAnUnknownDeliveryShouldBeNotFound() throws Exception {
        when(dispatcher.replay(any(), anyString())).thenReturn(Optional.empty());

        assertThat(server.postJson(WEBHOOKS + "/deliveries/nope/replay").statusCode()).isEqualTo(404);
    }

    @Test
    void enableShouldSayWhetherTheEndpointWasDisabled() throws Exception {
        when(dispatcher.enable(any(), any(), eq("webadmin"))).thenReturn(true);

        HttpResponse<String> response = server.postJson(WEBHOOKS + "/chat/enable");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RoutesServer.json(response).get("wasDisabled").asBoolean()).isTrue();
    }

    @Test
    void enablingAnUnknownEndpointShouldBeNotFoundAndAFormPostRefused() throws Exception {
        assertThat(server.postJson(WEBHOOKS + "/nope/enable").statusCode()).isEqualTo(404);
        assertThat(server.postForm(WEBHOOKS + "/chat/enable").statusCode()).isEqualTo(415);
        verify(dispatcher, never()).enable(any(), any(), anyString());
    }
}
