package com.teaminbox.james.webadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.webhooks.WebhookEndpoint;
import com.teaminbox.core.webhooks.WebhookEventType;
import com.teaminbox.james.webhooks.PendingDelivery;
import com.teaminbox.james.webhooks.WebhookDispatcher;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * The webhooks of a shared mailbox over WebAdmin (docs/webhooks.md):
 * <pre>
 * GET  /shared-mailboxes/{address}/webhooks                          endpoints and their state
 * GET  /shared-mailboxes/{address}/webhooks/deliveries?endpoint=chat&amp;limit=50   newest first
 * POST /shared-mailboxes/{address}/webhooks/deliveries/{id}/replay   a finished delivery again, same webhook-id
 * POST /shared-mailboxes/{address}/webhooks/{endpoint}/enable        re-enables a disabled endpoint
 * </pre>
 * The POSTs need {@code Content-Type: application/json} ({@link JsonRequestsOnly}). URLs are shown
 * as scheme and host: a chat's incoming-webhook URL carries its token in the path.
 */
public class WebhookRoutes implements Routes {
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final ConfigurationInForce configurationStore;
    private final WebhookDispatcher dispatcher;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public WebhookRoutes(ConfigurationInForce configurationStore, WebhookDispatcher dispatcher) {
        this.configurationStore = configurationStore;
        this.dispatcher = dispatcher;
    }

    @Override
    public String getBasePath() {
        return SharedMailboxesRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        String base = SharedMailboxesRoutes.BASE_PATH + "/:address/webhooks";
        service.get(base, this::endpoints, json);
        service.get(base + "/deliveries", this::deliveries, json);
        service.post(base + "/deliveries/:id/replay", JsonRequestsOnly.guard(this::replay), json);
        service.post(base + "/:endpoint/enable", JsonRequestsOnly.guard(this::enable), json);
    }

    private List<Map<String, Object>> endpoints(Request request, Response response) throws Exception {
        SharedMailbox mailbox = SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, request.params("address"));
        List<PendingDelivery> deliveries = dispatcher.deliveries(mailbox);
        List<Map<String, Object>> views = new ArrayList<>();
        for (WebhookEndpoint endpoint : mailbox.webhooks().endpoints()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", endpoint.name());
            view.put("url", shown(endpoint));
            view.put("events", endpoint.events().stream().map(WebhookEventType::wireName).sorted().collect(Collectors.toList()));
            view.put("secrets", endpoint.secrets().size());
            view.put("allowPrivateNetwork", endpoint.allowPrivateNetwork());
            view.put("template", endpoint.template().isPresent());
            Optional<String> disabled = dispatcher.disabledReason(mailbox, endpoint);
            view.put("state", disabled.isPresent() ? "disabled" : "enabled");
            disabled.ifPresent(reason -> view.put("disabledReason", reason));
            view.put("pending", deliveries.stream()
                .filter(delivery -> delivery.endpoint().equals(endpoint.name()) && delivery.status().equals("pending")).count());
            views.add(view);
        }
        return views;
    }

    private List<Map<String, Object>> deliveries(Request request, Response response) throws Exception {
        SharedMailbox mailbox = SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, request.params("address"));
        Optional<String> endpoint = Optional.ofNullable(request.queryParams("endpoint"));
        int limit = limit(request);
        return dispatcher.deliveries(mailbox).stream()
            .filter(delivery -> endpoint.map(delivery.endpoint()::equals).orElse(true))
            .limit(limit)
            .map(WebhookRoutes::view)
            .collect(Collectors.toList());
    }

    private Map<String, Object> replay(Request request, Response response) throws Exception {
        SharedMailbox mailbox = SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, request.params("address"));
        String id = request.params("id");
        PendingDelivery replayed = dispatcher.replay(mailbox, id).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message("%s is not a finished delivery of %s (a pending one is tried on its own; see .../webhooks/deliveries)", id,
                mailbox.address().asString())
            .haltError());
        response.status(HttpStatus.ACCEPTED_202);
        return view(replayed);
    }

    private Map<String, Object> enable(Request request, Response response) throws Exception {
        SharedMailbox mailbox = SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, request.params("address"));
        String name = request.params("endpoint");
        WebhookEndpoint endpoint = mailbox.webhooks().endpoint(name).orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message("%s has no webhook endpoint '%s'", mailbox.address().asString(), name)
            .haltError());
        boolean wasDisabled = dispatcher.enable(mailbox, endpoint, "webadmin");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("endpoint", endpoint.name());
        view.put("state", "enabled");
        view.put("wasDisabled", wasDisabled);
        return view;
    }

    private static int limit(Request request) {
        String value = request.queryParams("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ErrorResponder.builder()
            .statusCode(HttpStatus.BAD_REQUEST_400)
            .type(ErrorType.INVALID_ARGUMENT)
            .message("limit '%s' is invalid; use a whole number from 1 to %d", value, MAX_LIMIT)
            .haltError();
    }

    private static Map<String, Object> view(PendingDelivery delivery) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", delivery.id());
        view.put("endpoint", delivery.endpoint());
        view.put("type", delivery.type());
        view.put("status", delivery.status());
        view.put("attempts", delivery.attempts());
        view.put("created", delivery.created().toString());
        delivery.lastTry().map(Instant::toString).ifPresent(at -> view.put("lastTry", at));
        if (delivery.status().equals("pending")) {
            view.put("nextTry", delivery.nextTry().toString());
        }
        view.put("lastResult", delivery.lastResult());
        return view;
    }

    private static String shown(WebhookEndpoint endpoint) {
        return endpoint.url().getScheme() + "://" + endpoint.url().getHost() + (endpoint.url().getPort() < 0 ? "" : ":" + endpoint.url().getPort())
            + "/…";
    }
}
