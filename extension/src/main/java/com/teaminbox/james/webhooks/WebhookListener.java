package com.teaminbox.james.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
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

    /** Not called for the other types (most of a mail's records: {@code mail-received}, {@code message-read}). */
    @Override
    public Set<AuditEventType> heard() {
        return WebhookEvents.SOURCES;
    }

    @Override
    public void recorded(AuditEvent event, Instant at) {
        // No Optional.filter nor lambdas: this runs on the recording thread for most records.
        Optional<SharedMailboxesConfiguration> inForce = configurationStore.inForce();
        if (inForce.isEmpty() || !hasEndpoints(inForce.get())) {
            return;
        }
        List<WebhookNotice> notices = WebhookEvents.of(event, at, inForce.get());
        if (!notices.isEmpty()) {
            dispatcher.enqueue(notices);
        }
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
