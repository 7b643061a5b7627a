package com.teaminbox.james.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.webhooks.events.WebhookEvents;

class WebhookListenerTest {
    @Test
    void theListenerShouldHearOnlyTheRecordTypesAWebhookComesFrom() {
        WebhookListener listener = new WebhookListener(mock(ConfigurationInForce.class), mock(WebhookDispatcher.class));

        // The trail then does not call it for a mail's mail-received nor a member's message-read.
        assertThat(listener.heard()).isEqualTo(WebhookEvents.SOURCES)
            .doesNotContain(AuditEventType.MAIL_RECEIVED, AuditEventType.MESSAGE_READ);
    }
}
