package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.outgoing.HeldMails;

class HeldMailRoutesTest {
    private static final HeldMails.Held HELD = new HeldMails.Held("held-1", "alice@example.test", List.of("jane@customer.test"),
        "ibans in text body", Instant.parse("2026-12-01T10:00:00Z"), 1_234);

    private final HeldMails heldMails = mock(HeldMails.class);
    private final List<AuditEvent> recorded = new ArrayList<>();
    private RoutesServer server;

    @BeforeEach
    void serve() {
        server = RoutesServer.serving(new HeldMailRoutes(ConfigurationFixture.inForce(ConfigurationFixture.support("", "")), heldMails,
            recorded::add));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listShouldShowWhatIsHeldButNeverItsText() throws Exception {
        when(heldMails.list(any())).thenReturn(List.of(HELD));

        HttpResponse<String> response = server.get("/shared-mailboxes/support@example.test/held");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode held = RoutesServer.json(response).get(0);
        assertThat(held.get("key").asText()).isEqualTo("held-1");
        assertThat(held.get("member").asText()).isEqualTo("alice@example.test");
        assertThat(held.get("findings").asText()).isEqualTo("ibans in text body");
    }

    @Test
    void releaseShouldAnswerWhatWasReleasedAndRecordItUnderWebAdmin() throws Exception {
        AuditEvent reply = AuditEvent.of(AuditEventType.SEND_ACCEPTED, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test").decision("accepted").detail("stage", "release").build();
        when(heldMails.release(any(), eq("held-1"))).thenReturn(Optional.of(new HeldMails.Released(HELD, Optional.of(reply))));

        HttpResponse<String> response = server.postJson("/shared-mailboxes/support@example.test/held/held-1/release");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode released = RoutesServer.json(response);
        assertThat(released.get("outcome").asText()).isEqualTo("released");
        assertThat(released.get("recipients").get(0).asText()).isEqualTo("jane@customer.test");
        assertThat(recorded).as("the release, then the member's reply it lets out").hasSize(2);
        assertThat(recorded.get(0).type()).isEqualTo(AuditEventType.HELD_RELEASED);
        assertThat(recorded.get(0).details()).containsEntry("heldKey", "held-1");
        assertThat(recorded.get(1)).isEqualTo(reply);
    }

    @Test
    void discardShouldAnswerWhatWasDiscardedAndRecordIt() throws Exception {
        when(heldMails.discard(any(), eq("held-1"))).thenReturn(Optional.of(HELD));

        HttpResponse<String> response = server.delete("/shared-mailboxes/support@example.test/held/held-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RoutesServer.json(response).get("outcome").asText()).isEqualTo("discarded");
        assertThat(recorded).extracting(AuditEvent::type).containsExactly(AuditEventType.HELD_DISCARDED);
    }

    @Test
    void releaseOfAnUnknownKeyShouldBeNotFoundAndRecordNothing() throws Exception {
        when(heldMails.release(any(), anyString())).thenReturn(Optional.empty());

        HttpResponse<String> response = server.postJson("/shared-mailboxes/support@example.test/held/nope/release");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(RoutesServer.json(response).get("message").asText()).isEqualTo("no held mail 'nope' for support@example.test");
        assertThat(recorded).isEmpty();
    }

    @Test
    void releasePostedAsACrossSiteFormShouldBeRefusedBeforeItRuns() throws Exception {
        HttpResponse<String> response = server.postForm("/shared-mailboxes/support@example.test/held/held-1/release");

        assertThat(response.statusCode()).isEqualTo(415);
        verify(heldMails, never()).release(any(), anyString());
    }

    @Test
    void heldMailOfAnAddressThatIsNoSharedMailboxShouldBeNotFound() throws Exception {
        assertThat(server.get("/shared-mailboxes/alice@example.test/held").statusCode()).isEqualTo(404);
    }
}
