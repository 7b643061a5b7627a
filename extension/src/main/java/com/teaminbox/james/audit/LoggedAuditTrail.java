package com.teaminbox.james.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditTrail;

/** One INFO line per audit event on logger {@code com.teaminbox.audit}. */
public class LoggedAuditTrail implements AuditTrail {
    private static final Logger LOGGER = LoggerFactory.getLogger("com.teaminbox.audit");

    @Override
    public void record(AuditEvent event) {
        LOGGER.info("audit {}", event);
    }
}
