package com.teaminbox.james.webhooks;

import java.time.Instant;
import java.util.List;

import javax.inject.Inject;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.webhooks.events.WebhookEvents;
import com.teaminbox.core.webhooks.WebhookNotice;

/**
 * Turns what the audit trail keeps into webhooks ({@link WebhookEvents}) and hands them to the
 * {@link WebhookDispatcher}. Bound in {@code SharedMailboxesModule}; runs on the thread of the
 * audited action, so it stores and returns: no network here.
 */
public class WebhookListener implements AuditListener {
    private final ConfigurationInForce configurationStore;
    private final WebhookDispatcher dispatcher;

    @Inject
    public WebhookListener(ConfigurationInForce configurationStore, WebhookDispatcher dispatcher) {
        this.configurationStore = configurationStore;
        this.dispatcher = dispatcher;
    }

    @Override
    public void recorded(AuditEvent event, Instant at) {
        configurationStore.inForce().ifPresent(configuration -> {
            List<WebhookNotice> notices = WebhookEvents.of(event, at, configuration);
            if (!notices.isEmpty()) {
                dispatcher.enqueue(notices);
            }
        });
    }
}
