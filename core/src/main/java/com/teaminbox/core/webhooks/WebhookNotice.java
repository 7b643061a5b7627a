package com.teaminbox.core.webhooks;

/** One event for one endpoint: what the dispatcher stores and sends. */
public record WebhookNotice(WebhookEndpoint endpoint, WebhookEvent event) {
}
