package com.teaminbox.james.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.teaminbox.core.webhooks.DeliveryResult;
import com.teaminbox.core.webhooks.PrivateNetworks;
import com.teaminbox.core.webhooks.WebhookEndpoint;
import com.teaminbox.core.webhooks.WebhookSignature;

/**
 * One try of one delivery over HTTP: a POST of the stored body with the Standard Webhooks headers.
 * Redirects are not followed (a 3xx is a failed try: a redirect could lead a signed payload
 * elsewhere, or into the private network); the connection and the wait for the response are
 * bounded by the mailbox's {@code timeout}; the response body is not read.
 *
 * <p>Before the request, the host's addresses are looked up and refused if any is private,
 * loopback or link-local, unless the endpoint allows it ({@link PrivateNetworks}). The HTTP
 * client looks the name up again when it connects: a DNS answer changed in between (rebinding)
 * is a known limit, docs/webhooks.md.
 */
final class WebhookSender {
    static final String USER_AGENT = "TeamInbox-Webhooks/1";

    private final Clock clock;
    /** One client per timeout in use: a client holds a selector thread and a connection pool. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    WebhookSender(Clock clock) {
        this.clock = clock;
    }

    DeliveryResult send(WebhookEndpoint endpoint, PendingDelivery delivery, Duration timeout) {
        Optional<String> refused = refusedHost(endpoint);
        if (refused.isPresent()) {
            return DeliveryResult.noResponse(refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
            .timeout(timeout)
            .header("content-type", "application/json")
            .header("user-agent", USER_AGENT)
            .header("webhook-id", delivery.id())
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", WebhookSignature.header(delivery.id(), timestamp, delivery.body(), endpoint.secrets()))
            .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), UTF_8))
            .build();
        HttpClient client = clients.computeIfAbsent(timeout, connectTimeout -> HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .build());
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            // Not read: a receiver's answer is only its status, and a huge or endless body must not hold a sender.
            response.body().close();
            return DeliveryResult.response(response.statusCode(), response.headers().firstValue("retry-after"), clock.instant());
        } catch (HttpConnectTimeoutException e) {
            return DeliveryResult.noResponse("connect timeout");
        } catch (HttpTimeoutException e) {
            return DeliveryResult.noResponse("timeout");
        } catch (IOException e) {
            return DeliveryResult.noResponse("connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.noResponse("interrupted");
        }
    }

    private static Optional<String> refusedHost(WebhookEndpoint endpoint) {
        if (endpoint.allowPrivateNetwork()) {
            return Optional.empty();
        }
        URI url = endpoint.url();
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                Optional<String> kind = PrivateNetworks.kind(address);
                if (kind.isPresent()) {
                    return Optional.of("refused: " + url.getHost() + " resolves to a " + kind.get() + " address");
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + url.getHost());
        }
    }
}
