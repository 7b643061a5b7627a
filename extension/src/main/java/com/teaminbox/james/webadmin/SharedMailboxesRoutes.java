package com.teaminbox.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.teaminbox.core.config.ConfigurationException;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.HeaderAddresses;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;
import com.teaminbox.james.provisioning.SharedMailboxesReload;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Review and reload of the shared mailboxes over WebAdmin:
 * <pre>
 * GET  /shared-mailboxes              every shared mailbox: address, ticket prefix, members and roles
 * GET  /shared-mailboxes/{address}    members, roles, send permissions, and per folder what its ACL grants
 * POST /shared-mailboxes/reload       re-read conf/shared-mailboxes.xml and provision; 400 if refused
 * </pre>
 * Registered in {@code webadmin.properties}:
 * <pre>
 * extensions.routes=com.teaminbox.james.webadmin.SharedMailboxesRoutes
 * </pre>
 */
public class SharedMailboxesRoutes implements Routes {
    public static final String BASE_PATH = "/shared-mailboxes";

    private final SharedMailboxesConfigurationStore configurationStore;
    private final FolderRightsReport folderRights;
    private final SharedMailboxesReload reload;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public SharedMailboxesRoutes(SharedMailboxesConfigurationStore configurationStore, FolderRightsReport folderRights,
                                 SharedMailboxesReload reload) {
        this.configurationStore = configurationStore;
        this.folderRights = folderRights;
        this.reload = reload;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(BASE_PATH, this::list, json);
        service.post(BASE_PATH + "/reload", this::reload, json);
        service.get(BASE_PATH + "/:address", this::review, json);
    }

    private List<Map<String, Object>> list(Request request, Response response) {
        return configurationStore.current().sharedMailboxes().stream()
            .map(SharedMailboxViews::summary)
            .collect(Collectors.toList());
    }

    private Map<String, Object> review(Request request, Response response) throws Exception {
        String address = request.params("address");
        SharedMailbox sharedMailbox = HeaderAddresses.mailAddress(address)
            .flatMap(configurationStore.current()::find)
            .orElseThrow(() -> ErrorResponder.builder()
                .statusCode(HttpStatus.NOT_FOUND_404)
                .type(ErrorType.NOT_FOUND)
                .message("%s is not a shared mailbox", address)
                .haltError());
        Map<String, Object> view = SharedMailboxViews.summary(sharedMailbox);
        view.put("members", SharedMailboxViews.members(sharedMailbox));
        view.put("folders", folderRights.folders(sharedMailbox));
        return view;
    }

    private Map<String, Object> reload(Request request, Response response) {
        SharedMailboxesReload.Outcome outcome;
        try {
            outcome = reload.reload();
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
        if (!outcome.provisioningFailures().isEmpty()) {
            response.status(HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
        return view;
    }
}
