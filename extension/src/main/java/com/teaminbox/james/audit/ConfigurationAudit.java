package com.teaminbox.james.audit;

import java.util.List;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * Records each configuration loaded or refused, at start (actor: system) and on reload (actor:
 * the administrator's WebAdmin call). Best-effort: the configuration decision stands whatever the
 * trail does, and a refused file is also in James's log.
 */
public class ConfigurationAudit {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConfigurationAudit.class);
    private static final int MAX_PROBLEMS_RECORDED = 10;

    private final AuditTrail trail;

    @Inject
    public ConfigurationAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void loaded(AuditActor actor, SharedMailboxesConfiguration configuration) {
        loaded(actor, configuration, List.of());
    }

    /** @param waiting what the configuration names that James does not have yet (a member's account, a domain) */
    public void loaded(AuditActor actor, SharedMailboxesConfiguration configuration, List<ConfigurationProblem> waiting) {
        AuditEvent.Builder event = AuditEvent.of(AuditEventType.CONFIGURATION_LOADED, actor).decision("loaded")
            .detail("sharedMailboxes", configuration.sharedMailboxes().size())
            .detail("addresses", configuration.sharedMailboxes().stream().map(mailbox -> mailbox.address().asString()).toList().toString());
        if (!waiting.isEmpty()) {
            event.detail("waitingForJames", waiting.stream().limit(MAX_PROBLEMS_RECORDED).map(Object::toString).toList().toString());
        }
        record(event.build());
    }

    public void refused(AuditActor actor, ConfigurationException refusal) {
        record(AuditEvent.of(AuditEventType.CONFIGURATION_REFUSED, actor).decision("refused")
            .reason(refusal.problems().stream().limit(MAX_PROBLEMS_RECORDED).map(Object::toString).toList().toString())
            .detail("problems", refusal.problems().size())
            .build());
    }

    private void record(AuditEvent event) {
        try {
            trail.record(event);
        } catch (AuditUnavailableException e) {
            LOGGER.warn("Audit trail unavailable; could not record {}", event);
        }
    }
}
