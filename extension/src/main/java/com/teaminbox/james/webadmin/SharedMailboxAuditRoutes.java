package com.teaminbox.james.webadmin;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditPage;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.audit.FileAuditStorage;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Search of a shared mailbox's audit records over WebAdmin, from every node's files in the
 * audit directory:
 * <pre>
 * GET /shared-mailboxes/{address}/audit?since=2026-11-27T00:00:00Z&amp;until=…&amp;actor=alice@example.test
 *     &amp;type=flags-changed&amp;ticket=SUP-12&amp;page=1&amp;pageSize=50
 * </pre>
 * Answers {@code {"page":1,"pageSize":50,"totalHits":3,"records":[…]}}, records oldest first, each
 * exactly as written in the trail (schema: docs/audit.md). Registered in {@code webadmin.properties}
 * {@code extensions.routes}.
 */
public class SharedMailboxAuditRoutes implements Routes {
    private final ConfigurationInForce configurationStore;
    private final FileAuditStorage storage;
    private final JsonTransformer json = new JsonTransformer();
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    public SharedMailboxAuditRoutes(ConfigurationInForce configurationStore, FileAuditStorage storage) {
        this.configurationStore = configurationStore;
        this.storage = storage;
    }

    @Override
    public String getBasePath() {
        return SharedMailboxesRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(SharedMailboxesRoutes.BASE_PATH + "/:address/audit", this::search, json);
    }

    private Map<String, Object> search(Request request, Response response) throws IOException {
        String address = request.params("address");
        SharedMailbox sharedMailbox = SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, address);
        AuditQuery query = query(request, sharedMailbox);
        AuditPage page = storage.search(query);
        List<JsonNode> records = page.records().stream().map(this::asJson).toList();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("page", page.page());
        view.put("pageSize", page.pageSize());
        view.put("totalHits", page.totalHits());
        view.put("records", records);
        return view;
    }

    private AuditQuery query(Request request, SharedMailbox sharedMailbox) {
        AuditQuery.Builder query = AuditQuery.builder().mailbox(sharedMailbox.address().asString());
        try {
            parameter(request, "since", Instant::parse).ifPresent(query::since);
            parameter(request, "until", Instant::parse).ifPresent(query::until);
            parameter(request, "actor", Function.identity()).ifPresent(query::actor);
            parameter(request, "ticket", Function.identity()).ifPresent(query::ticket);
            parameter(request, "type", name -> AuditEventType.fromWireName(name)
                .orElseThrow(() -> new IllegalArgumentException("type '" + name + "' is not an audit event type"))).ifPresent(query::type);
            parameter(request, "page", Integer::parseInt).ifPresent(query::page);
            parameter(request, "pageSize", Integer::parseInt).ifPresent(query::pageSize);
            return query.build();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorType.INVALID_ARGUMENT)
                .message("Invalid audit query: %s (since and until are ISO-8601 instants such as 2026-11-27T10:00:00Z)",
                    e.getMessage())
                .haltError();
        }
    }

    private static <T> Optional<T> parameter(Request request, String name, Function<String, T> parser) {
        return Optional.ofNullable(request.queryParams(name)).filter(value -> !value.isBlank()).map(String::strip).map(parser);
    }

    private JsonNode asJson(AuditRecord record) {
        try {
            return mapper.readTree(record.toJson());
        } catch (IOException e) {
            throw new IllegalStateException("An audit record is not JSON: " + record.seq(), e);
        }
    }
}
