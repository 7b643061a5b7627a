package com.teaminbox.james.sla;

import java.time.Clock;
import java.time.Instant;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.common.PeriodicSchedule;

/**
 * Checks, once a {@link #TICK}, which SLA stages of every shared mailbox with {@code <sla>} are
 * due, and fires them through {@link SlaEscalations}. The first check comes one tick after
 * start, and catches up what came due while the server was stopped (one digest per recipient).
 * Every node runs it; the ledger's claims make each stage fire on one node only.
 *
 * <pre>
 * # extensions.properties
 * guice.extension.startable=…,com.teaminbox.james.sla.SlaSchedule
 * </pre>
 */
public class SlaSchedule extends PeriodicSchedule {
    /** Tests shorten the tick with this system property (milliseconds); production keeps a minute. */
    public static final String TICK_PROPERTY = "teaminbox.sla.tick-millis";
    private static final Logger LOGGER = LoggerFactory.getLogger(SlaSchedule.class);

    private final ConfigurationInForce configurationStore;
    private final SlaEscalations escalations;

    @Inject
    public SlaSchedule(ConfigurationInForce configurationStore, SlaEscalations escalations, Clock clock) {
        super("SLA schedule", "teaminbox-sla-schedule", TICK_PROPERTY, clock);
        this.configurationStore = configurationStore;
        this.escalations = escalations;
    }

    /** Fires what is due; a failure on one shared mailbox does not keep the others waiting. */
    @Override
    protected void checkAt(Instant now) {
        SharedMailboxesConfiguration configuration = configurationStore.current();
        String node = configuration.audit().node().orElse("local");
        for (SharedMailbox sharedMailbox : configuration.sharedMailboxes()) {
            if (sharedMailbox.sla().isEmpty()) {
                continue;
            }
            try {
                int fired = escalations.escalate(sharedMailbox, now, node);
                if (fired > 0) {
                    LOGGER.debug("SLA of {}: {} stage(s) fired", sharedMailbox.address().asString(), fired);
                }
            } catch (Throwable e) {
                if (stopping()) {
                    LOGGER.debug("SLA check of {} interrupted by the stop", sharedMailbox.address().asString());
                    return;
                }
                LOGGER.error("SLA check of {} failed; trying again at the next tick", sharedMailbox.address().asString(), e);
            }
        }
    }
}
