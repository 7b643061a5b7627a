package com.teaminbox.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditActor;

class WebhookEventTest {
    private static WebhookEvent created(String subject) {
        return new WebhookEvent(WebhookEventType.TICKET_CREATED, Instant.parse("2026-12-06T08:00:00Z"), "support@example.test", Optional.of("SUP-1"),
            AuditActor.externalSender("jane@customer.test"), Optional.of(subject), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
    }

    @Test
    void linksShouldBeRemovedFromTheSubjectAndSummary() {
        WebhookEvent event = created("See https://evil.example/x?y=1 and www.evil.example now");

        assertThat(event.subject()).hasValue("See [link] and [link] now");
        assertThat(event.summary()).doesNotContain("evil");
    }

    @Test
    void jsonShouldEscapeQuotesAndControlCharacters() {
        assertThat(created("a \"quoted\" \\ back\u0001slash").toJson()).contains("\"subject\":\"a \\\"quoted\\\" \\\\ back\\u0001slash\"");
    }

    @Test
    void aTemplateShouldReceiveEscapedValues() {
        PayloadTemplate template = PayloadTemplate.of("{\"text\":\"{{ticket}}: {{subject}}\",\"id\":\"{{ id }}\"}");

        assertThat(template.render(created("Say \"hi\""), "msg_1")).isEqualTo("{\"text\":\"SUP-1: Say \\\"hi\\\"\",\"id\":\"msg_1\"}");
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderShouldBeRefused() {
        assertThatThrownBy(() -> PayloadTemplate.of("{{body}} {{ticket}} {{password}}"))
            .hasMessageStartingWith("uses unknown placeholder(s) [body, password]; accepted: id, type,");
    }
}
