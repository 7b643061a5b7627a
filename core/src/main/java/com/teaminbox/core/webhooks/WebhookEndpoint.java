package com.teaminbox.core.webhooks;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.teaminbox.core.config.xml.SourceLocation;

/**
 * One subscription of a shared mailbox:
 * <pre>{@code
 * <endpoint name="chat" url="https://chat.example.test/hooks/T1" events="ticket.created sla.breached">
 *   <secret file="secrets/chat.whsec"/>
 *   <secret env="CHAT_WEBHOOK_SECRET_NEXT"/>   <!-- a second one while rotating -->
 * </endpoint>
 * }</pre>
 *
 * @param events              what it hears besides {@code rule.matched}, which only a rule's
 *                            {@code <webhook endpoint="chat"/>} sends
 * @param template            a payload transformation (docs/integrations.md); empty: the standard payload
 * @param allowPrivateNetwork whether the URL may reach loopback, link-local or private addresses
 */
public record WebhookEndpoint(String name, URI url, Set<WebhookEventType> events, List<WebhookSecret> secrets, boolean allowPrivateNetwork,
                              Optional<PayloadTemplate> template, SourceLocation location) {
    public WebhookEndpoint {
        events = Set.copyOf(events);
        secrets = List.copyOf(secrets);
    }

    public boolean hears(WebhookEventType type) {
        return events.contains(type);
    }

    @Override
    public String toString() {
        return name + " " + url + " " + events;
    }
}
