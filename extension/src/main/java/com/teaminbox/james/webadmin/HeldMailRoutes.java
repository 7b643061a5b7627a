package com.teaminbox.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.outgoing.HeldMails;

import spark.Request;
import spark.Response;
import spark.Service;

/**
 * Review of mail the data-loss checks held (docs/outgoing.md):
 * <pre>
 * GET    /shared-mailboxes/{address}/held                 held mails: key, member, recipients, findings, when, size (never the text)
 * POST   /shared-mailboxes/{address}/held/{key}/release   delivered as it was submitted; audited (held-released)
 * DELETE /shared-mailboxes/{address}/held/{key}           discarded; audited (held-discarded)
 * </pre>
 * The POST needs {@code Content-Type: application/json} ({@link JsonRequestsOnly}). Registered in
 * {@code webadmin.properties}: {@code extensions.routes=...,com.teaminbox.james.webadmin.HeldMailRoutes}.
 */
public class HeldMailRoutes implements Routes {
    private static final AuditActor WEBADMIN = AuditActor.administrator("webadmin");

    private final ConfigurationInForce configurationStore;
    private final HeldMails heldMails;
    private final AuditTrail auditTrail;
    private final JsonTransformer json = new JsonTransformer();

    @Inject
    public HeldMailRoutes(ConfigurationInForce configurationStore, HeldMails heldMails, AuditTrail auditTrail) {
        this.configurationStore = configurationStore;
        this.heldMails = heldMails;
        this.auditTrail = auditTrail;
    }

    @Override
    public String getBasePath() {
        return SharedMailboxesRoutes.BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.get(SharedMailboxesRoutes.BASE_PATH + "/:address/held", this::list, json);
        service.post(SharedMailboxesRoutes.BASE_PATH + "/:address/held/:key/release", JsonRequestsOnly.guard(this::release), json);
        service.delete(SharedMailboxesRoutes.BASE_PATH + "/:address/held/:key", this::discard, json);
    }

    private List<HeldMails.Held> list(Request request, Response response) throws MessagingException {
        return heldMails.list(sharedMailbox(request));
    }

    private Map<String, Object> release(Request request, Response response) throws MessagingException {
        SharedMailbox sharedMailbox = sharedMailbox(request);
        HeldMails.Released released = found(heldMails.release(sharedMailbox, request.params("key")), request);
        HeldMails.Held held = released.held();
        record(AuditEventType.HELD_RELEASED, sharedMailbox, held, "released");
        // Only now is the member's reply on its way to the customer: the SLA clock, the reports and the webhooks hear of it.
        released.acceptance().ifPresent(auditTrail::record);
        return view(held, "released");
    }

    private Map<String, Object> discard(Request request, Response response) throws MessagingException {
        SharedMailbox sharedMailbox = sharedMailbox(request);
        HeldMails.Held held = found(heldMails.discard(sharedMailbox, request.params("key")), request);
        record(AuditEventType.HELD_DISCARDED, sharedMailbox, held, "discarded");
        return view(held, "discarded");
    }

    private void record(AuditEventType type, SharedMailbox sharedMailbox, HeldMails.Held held, String decision) {
        auditTrail.record(AuditEvent.of(type, WEBADMIN)
            .sharedMailbox(sharedMailbox.address().asString())
            .decision(decision)
            .reason(held.findings())
            .detail("heldKey", held.key())
            .detail("member", held.member())
            .detail("recipients", String.join(", ", held.recipients()))
            .build());
    }

    private static Map<String, Object> view(HeldMails.Held held, String outcome) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", held.key());
        view.put("outcome", outcome);
        view.put("member", held.member());
        view.put("recipients", held.recipients());
        return view;
    }

    private static <T> T found(Optional<T> held, Request request) {
        return held.orElseThrow(() -> ErrorResponder.builder()
            .statusCode(HttpStatus.NOT_FOUND_404)
            .type(ErrorType.NOT_FOUND)
            .message("no held mail '%s' for %s", request.params("key"), request.params("address"))
            .haltError());
    }

    private SharedMailbox sharedMailbox(Request request) {
        return SharedMailboxesRoutes.sharedMailboxOrNotFound(configurationStore, request.params("address"));
    }
}
