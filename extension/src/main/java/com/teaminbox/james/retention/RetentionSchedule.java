package com.teaminbox.james.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.task.TaskId;
import org.apache.james.task.TaskManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.PeriodicSchedule;

/**
 * Submits a {@link RetentionTask} for every shared mailbox with policies, every
 * {@code <retention every="…">} (first run one interval after start), through James's
 * {@link TaskManager}, so scheduled runs show in {@code GET /tasks} like WebAdmin's.
 * It checks once a {@link #TICK}; a failure is logged and the next check tries again, it never
 * reaches James ({@link PeriodicSchedule}). Stopped with James.
 *
 * <pre>
 * # extensions.properties
 * guice.extension.startable=…,com.teaminbox.james.retention.RetentionSchedule
 * </pre>
 * Each node of a cluster runs its own schedule: see docs/retention.md for why running twice is harmless.
 */
public class RetentionSchedule extends PeriodicSchedule {
    /** Tests shorten the tick with this system property (milliseconds); production keeps a minute. */
    public static final String TICK_PROPERTY = "teaminbox.retention.tick-millis";
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ConfigurationInForce configurationStore;
    private final RetentionTasks tasks;
    private final TaskManager taskManager;
    private final Map<MailAddress, Instant> nextRuns = new ConcurrentHashMap<>();
    private final Map<MailAddress, TaskId> lastRuns = new ConcurrentHashMap<>();

    @Inject
    public RetentionSchedule(ConfigurationInForce configurationStore, RetentionTasks tasks, TaskManager taskManager,
                             Clock clock) {
        super("Retention schedule", "teaminbox-retention-schedule", TICK_PROPERTY, clock);
        this.configurationStore = configurationStore;
        this.tasks = tasks;
        this.taskManager = taskManager;
    }

    /** Submits what is due. */
    @Override
    protected void checkAt(Instant now) {
        for (SharedMailbox sharedMailbox : configurationStore.current().sharedMailboxes()) {
            if (sharedMailbox.retention().isEmpty()) {
                continue;
            }
            Duration every = sharedMailbox.retention().every().duration();
            Instant due = nextRuns.computeIfAbsent(sharedMailbox.address(), address -> now.plus(every));
            if (!now.isBefore(due)) {
                nextRuns.put(sharedMailbox.address(), now.plus(every));
                submit(sharedMailbox);
            }
        }
    }

    private boolean stillRunning(MailAddress address) {
        TaskId previous = lastRuns.get(address);
        if (previous == null) {
            return false;
        }
        try {
            return !taskManager.getExecutionDetails(previous).getStatus().isFinished();
        } catch (RuntimeException e) {
            // unknown to this node's task manager (restarted, or cleaned up): nothing to wait for
            return false;
        }
    }

    private void submit(SharedMailbox sharedMailbox) {
        if (stillRunning(sharedMailbox.address())) {
            // A slow run must not pile up behind itself (and hold up James's other tasks): skip this turn.
            LOGGER.info("Retention of {}: the previous scheduled run is not finished; skipping this turn",
                sharedMailbox.address().asString());
            return;
        }
        try {
            TaskId id = taskManager.submit(tasks.create(sharedMailbox.address(), false, AuditActor.system()));
            lastRuns.put(sharedMailbox.address(), id);
            LOGGER.info("Retention of {} submitted as task {}", sharedMailbox.address().asString(), id.asString());
        } catch (RuntimeException e) {
            LOGGER.error("Retention of {} could not be submitted; it will be at its next turn", sharedMailbox.address().asString(), e);
        }
    }
}
