package com.teaminbox.james.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;

/**
 * How our SMTP hooks audit: a refusal is recorded best-effort (refusing is safe whatever the trail
 * does); an acceptance must be recorded, or the client gets a temporary {@code 451} and retries
 * later, so that under {@code on-failure="defer"} no mail is accepted unaudited and none is lost.
 */
public class SmtpAudit {
    /** RFC 3463 4.3.0: other or undefined mail system status, temporary. */
    static final String TEMPORARY_FAILURE = "451";
    private static final Logger LOGGER = LoggerFactory.getLogger(SmtpAudit.class);

    private final AuditTrail trail;

    @Inject
    public SmtpAudit(AuditTrail trail) {
        this.trail = trail;
    }

    void refusal(AuditEvent event) {
        try {
            trail.record(event);
        } catch (AuditUnavailableException e) {
            LOGGER.warn("Audit trail unavailable; the refusal stands: {}", event);
        }
    }

    /** Empty once recorded; a {@code 451 4.3.0} to answer when the trail cannot take it. */
    Optional<HookResult> acceptance(AuditEvent event) {
        try {
            trail.record(event);
            return Optional.empty();
        } catch (AuditUnavailableException e) {
            return Optional.of(HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(TEMPORARY_FAILURE)
                .smtpDescription("4.3.0 Temporary local problem: the audit trail is unavailable; please try again later")
                .build());
        }
    }

    static AuditActor actor(Optional<MailAddress> member) {
        return member.map(address -> AuditActor.member(address.asString()))
            .orElseGet(() -> AuditActor.externalSender("unauthenticated"));
    }
}
