package com.teaminbox.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.task.TaskManager;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.HeaderAddresses;
import com.teaminbox.james.configuration.JamesConfigurationChecks;
import com.teaminbox.james.provisioning.SharedMailboxesReload;
import com.teaminbox.james.retention.RetentionTasks;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Review and reload of the shared mailboxes over WebAdmin:
 * <pre>
 * GET  /shared-mailboxes              every shared mailbox: address, ticket prefix, members and roles
 * GET  /shared-mailboxes/{address}    members, roles, send permissions, and per folder what its ACL grants
 * POST /shared-mailboxes/reload       re-read conf/shared-mailboxes.xml and provision; 400 if refused
 * POST /shared-mailboxes/{address}/retention?dryRun=true|false
 *                                     submit a retention run (dry run unless dryRun=false): 201 {"taskId": "…"},
 *                                     then GET /tasks/{taskId} shows its counts
 * </pre>
 * Both POSTs need {@code Content-Type: application/json} ({@link JsonRequestsOnly}), 415 otherwise.
 * Registered in {@code webadmin.properties}:
 * <pre>
 * extensions.routes=com.teaminbox.james.webadmin.SharedMailboxesRoutes
 * </pre>
 */
public class SharedMailboxesRoutes implements Routes {
    public static final String BASE_PATH = "/shared-mailboxes";
    /** Who the audit trail names for what is asked over WebAdmin. */
    private static final AuditActor WEBADMIN = AuditActor.administrator("webadmin");

    private final ConfigurationInForce configurationStore;
    private final FolderRightsReport folderRights;
    private final SharedMailboxesReload reload;
    private final TaskManager taskManager;
    private final RetentionTasks retentionTasks;
    private final JamesConfigurationChecks jamesChecks;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public SharedMailboxesRoutes(ConfigurationInForce configurationStore, FolderRightsReport folderRights,
                                 SharedMailboxesReload reload, TaskManager taskManager, RetentionTasks retentionTasks,
                                 JamesConfigurationChecks jamesChecks) {
        this.configurationStore = configurationStore;
        this.folderRights = folderRights;
        this.reload = reload;
        this.taskManager = taskManager;
        this.retentionTasks = retentionTasks;
        this.jamesChecks = jamesChecks;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list, json);
        service.post(BASE_PATH + "/reload", JsonRequestsOnly.guard(this::reload), json);
        service.get(BASE_PATH + "/:address", this::review, json);
        service.post(BASE_PATH + "/:address/retention", JsonRequestsOnly.guard(retentionRun().asRoute(taskManager)), json);
    }

    /** A dry run unless {@code dryRun=false} is said explicitly: deleting is never the default. */
    private TaskFromRequest retentionRun() {
        return request -> {
            SharedMailbox sharedMailbox = sharedMailbox(request.params("address"));
            String dryRun = Optional.ofNullable(request.queryParams("dryRun")).orElse("true");
            if (!dryRun.equals("true") && !dryRun.equals("false")) {
                throw ErrorResponder.builder()
                    .statusCode(HttpStatus.BAD_REQUEST_400)
                    .type(ErrorType.INVALID_ARGUMENT)
                    .message("dryRun '%s' is invalid; accepted: true, false", dryRun)
                    .haltError();
            }
            return retentionTasks.create(sharedMailbox.address(), Boolean.parseBoolean(dryRun), WEBADMIN);
        };
    }

    private SharedMailbox sharedMailbox(String address) {
        return sharedMailboxOrNotFound(configurationStore, address);
    }

    /** The shared mailbox of the configuration in force at {@code address}, or WebAdmin's 404. */
    static SharedMailbox sharedMailboxOrNotFound(ConfigurationInForce configurationStore, String address) {
        return HeaderAddresses.mailAddress(address)
            .flatMap(configurationStore.current()::find)
            .orElseThrow(() -> ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorType.NOT_FOUND)
                .message("%s is not a shared mailbox", address)
                .haltError());
    }

    private List<Map<String, Object>> list(Request request, Response response) {
        return configurationStore.current().sharedMailboxes().stream()
            .map(SharedMailboxViews::summary)
            .collect(Collectors.toList());
    }

    private Map<String, Object> review(Request request, Response response) throws Exception {
        SharedMailbox sharedMailbox = sharedMailbox(request.params("address"));
        Map<String, Object> view = SharedMailboxViews.summary(sharedMailbox);
        view.put("members", SharedMailboxViews.members(sharedMailbox));
        view.put("folders", folderRights.folders(sharedMailbox));
        view.put("waitingForJames", jamesChecks.waitingForJames(sharedMailbox).stream().map(Object::toString).collect(Collectors.toList()));
        return view;
    }

    private Map<String, Object> reload(Request request, Response response) {
        SharedMailboxesReload.Outcome outcome;
        try {
            outcome = reload.reload(WEBADMIN);
        } catch (ConfigurationException e) {
            throw ErrorResponder.builder()
                .statusCode(HttpStatus.BAD_REQUEST_400)
                .type(ErrorType.INVALID_ARGUMENT)
                .message("%s", e.getMessage())
                .haltError();
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("sharedMailboxes", outcome.sharedMailboxes());
        view.put("provisioningFailures", outcome.provisioningFailures());
        view.put("waitingForJames", outcome.waitingForJames());
        if (!outcome.provisioningFailures().isEmpty()) {
            response.status(HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
        return view;
    }
}
