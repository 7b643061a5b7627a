package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.audit.FileAuditStorage;

/** The route's part: the query it builds from the request and its answers to bad ones (the search itself: FileAuditStorage's tests). */
class SharedMailboxAuditRoutesTest {
    private final FileAuditStorage storage = mock(FileAuditStorage.class);
    private RoutesServer server;

    @BeforeEach
    void serve() {
        server = RoutesServer.serving(new SharedMailboxAuditRoutes(ConfigurationFixture.inForce(ConfigurationFixture.support("", "")),
            storage));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void searchShouldBeLimitedToTheSharedMailboxAndCarryEveryCriterion() throws Exception {
        ArgumentCaptor<AuditQuery> query = ArgumentCaptor.forClass(AuditQuery.class);
        when(storage.search(query.capture())).thenThrow(new IOException("the index is not there in this test"));

        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/audit"
            + "?since=2026-11-27T10:00:00Z&actor=alice@example.test&ticket=SUP-1&type=ticket-created&page=2&pageSize=10");

        assertThat(response.statusCode()).as("the storage failed: WebAdmin's 500").isEqualTo(500);
        assertThat(query.getValue().mailbox()).contains("support@example.test");
        assertThat(query.getValue().since()).contains(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(query.getValue().type()).isEqualTo(Optional.of(AuditEventType.TICKET_CREATED));
    }

    @Test
    void anInvalidInstantShouldBeABadRequestSayingWhatIsExpected() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/audit?since=yesterday");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesServer.json(response).get("message").asText()).startsWith("Invalid audit query: ")
            .contains("ISO-8601 instants such as 2026-11-27T10:00:00Z");
        verify(storage, never()).search(any());
    }

    @Test
    void anUnknownEventTypeShouldBeABadRequestNamingIt() throws Exception {
        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/audit?type=ticket-exploded");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RoutesServer.json(response).get("message").asText()).contains("type 'ticket-exploded' is not an audit event type");
    }

    @Test
    void theAuditOfAnAddressThatIsNoSharedMailboxShouldBeNotFound() throws Exception {
        assertThat(server.get("/shared-mailboxes/alice@example.test/audit").statusCode()).isEqualTo(404);
    }
}
