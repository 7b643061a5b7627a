package com.teaminbox.james.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.common.PeriodicCheck;

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
public class SlaSchedule implements UserDefinedStartable {
    public static final Duration TICK = Duration.ofMinutes(1);
    /** Tests shorten the tick with this system property (milliseconds); production keeps a minute. */
    public static final String TICK_PROPERTY = "teaminbox.sla.tick-millis";
    private static final Logger LOGGER = LoggerFactory.getLogger(SlaSchedule.class);

    private final ConfigurationInForce configurationStore;
    private final SlaEscalations escalations;
    private final Clock clock;
    private final PeriodicCheck periodicCheck = new PeriodicCheck("teaminbox-sla-schedule", TICK, TICK_PROPERTY, this::check);

    @Inject
    public SlaSchedule(ConfigurationInForce configurationStore, SlaEscalations escalations, Clock clock) {
        this.configurationStore = configurationStore;
        this.escalations = escalations;
        this.clock = clock;
    }

    @Override
    public void start() {
        long tick = periodicCheck.start();
        LOGGER.info("SLA schedule started; checking every {} ms", tick);
    }

    @PreDestroy
    public void stop() {
        periodicCheck.stop();
    }

    /** How many checks this schedule completed: a test waits for more of them before asserting that nothing was due. */
    public long completedChecks() {
        return periodicCheck.completedChecks();
    }

    /** Fires what is due; never throws, so that the scheduler thread lives on. */
    void check() {
        Instant now = clock.instant();
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
                if (periodicCheck.stopping()) {
                    LOGGER.debug("SLA check of {} interrupted by the stop", sharedMailbox.address().asString());
                    return;
                }
                LOGGER.error("SLA check of {} failed; trying again at the next tick", sharedMailbox.address().asString(), e);
            }
        }
    }
}
