package com.teaminbox.core.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <webhooks>} of a shared mailbox: its endpoints, where pending deliveries are kept
 * (a James mail repository, shared by the nodes of a cluster) and how long and how often a
 * failing delivery is tried again.
 * <pre>{@code
 * <webhooks repository="file://var/mail/webhooks/" first-retry="PT5S" max-retry="PT12H" give-up-after="PT72H" timeout="PT10S">
 *   <endpoint .../>
 * </webhooks>
 * }</pre>
 */
public record WebhookSettings(List<WebhookEndpoint> endpoints, String repository, RetrySchedule retries, Duration timeout) {
    public static final String DEFAULT_REPOSITORY = "file://var/mail/webhooks/";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final WebhookSettings NONE = new WebhookSettings(List.of(), DEFAULT_REPOSITORY, RetrySchedule.DEFAULT, DEFAULT_TIMEOUT);

    public WebhookSettings {
        endpoints = List.copyOf(endpoints);
    }

    public Optional<WebhookEndpoint> endpoint(String name) {
        return endpoints.stream().filter(endpoint -> endpoint.name().equals(name)).findFirst();
    }
}
