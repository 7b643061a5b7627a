package com.teaminbox.james.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
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
    /** Whether the configuration last seen has any endpoint: without one, a record costs this check, not an address parse. */
    private volatile Optional<EndpointsOf> endpoints = Optional.empty();

    private record EndpointsOf(SharedMailboxesConfiguration configuration, boolean any) {
    }

    @Inject
    public WebhookListener(ConfigurationInForce configurationStore, WebhookDispatcher dispatcher) {
        this.configurationStore = configurationStore;
        this.dispatcher = dispatcher;
    }

    @Override
    public void recorded(AuditEvent event, Instant at) {
        configurationStore.inForce().filter(this::hasEndpoints).ifPresent(configuration -> {
            List<WebhookNotice> notices = WebhookEvents.of(event, at, configuration);
            if (!notices.isEmpty()) {
                dispatcher.enqueue(notices);
            }
        });
    }

    private boolean hasEndpoints(SharedMailboxesConfiguration configuration) {
        Optional<EndpointsOf> known = endpoints;
        if (known.isEmpty() || known.get().configuration() != configuration) {
            known = Optional.of(new EndpointsOf(configuration, configuration.sharedMailboxes().stream()
                .anyMatch(mailbox -> !mailbox.webhooks().endpoints().isEmpty())));
            endpoints = known;
        }
        return known.get().any();
    }
}
