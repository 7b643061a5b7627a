package com.teaminbox.james.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;

/**
 * One retention run of one shared mailbox, as a James task: WebAdmin and the schedule submit it
 * to the {@code TaskManager}, so it shows in {@code GET /tasks} with its counts while it runs
 * and after. Cancelling it stops between two messages.
 */
public class RetentionTask implements Task {
    public static final TaskType TYPE = TaskType.of("teaminbox-retention");
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionTask.class);

    private final RetentionService service;
    private final ConfigurationInForce configurationStore;
    private final MailAddress sharedMailbox;
    private final boolean dryRun;
    private final AuditActor actor;
    private final RetentionProgress progress = new RetentionProgress();

    public RetentionTask(RetentionService service, ConfigurationInForce configurationStore, MailAddress sharedMailbox,
                         boolean dryRun, AuditActor actor) {
        this.service = Objects.requireNonNull(service, "service");
        this.configurationStore = Objects.requireNonNull(configurationStore, "configurationStore");
        this.sharedMailbox = Objects.requireNonNull(sharedMailbox, "sharedMailbox");
        this.dryRun = dryRun;
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    @Override
    public Result run() throws InterruptedException {
        Optional<SharedMailbox> configured = configurationStore.current().find(sharedMailbox);
        if (configured.isEmpty()) {
            LOGGER.warn("Retention of {} skipped: it is no longer a shared mailbox", sharedMailbox.asString());
            return Result.PARTIAL;
        }
        try {
            service.run(configured.get(), dryRun, actor, progress);
        } catch (MailboxException e) {
            LOGGER.error("Retention of {} stopped by a storage error; the next run resumes", sharedMailbox.asString(), e);
            return Result.PARTIAL;
        }
        return progress.failedCount() == 0 ? Result.COMPLETED : Result.PARTIAL;
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Details(sharedMailbox.asString(), dryRun, actor.kind().wireName(), progress.examinedCount(),
            progress.deletedCount(), progress.movedCount(), progress.heldCount(), progress.failedCount(), service.clock().instant()));
    }

    public MailAddress sharedMailbox() {
        return sharedMailbox;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public AuditActor actor() {
        return actor;
    }

    /** What {@code GET /tasks/{id}} shows under {@code additionalInformation}. */
    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        private final String sharedMailbox;
        private final boolean dryRun;
        private final String trigger;
        private final long examined;
        private final long deleted;
        private final long moved;
        private final long held;
        private final long failed;
        private final Instant timestamp;

        public Details(String sharedMailbox, boolean dryRun, String trigger, long examined, long deleted, long moved, long held,
                       long failed, Instant timestamp) {
            this.sharedMailbox = sharedMailbox;
            this.dryRun = dryRun;
            this.trigger = trigger;
            this.examined = examined;
            this.deleted = deleted;
            this.moved = moved;
            this.held = held;
            this.failed = failed;
            this.timestamp = timestamp;
        }

        public String sharedMailbox() {
            return sharedMailbox;
        }

        public boolean dryRun() {
            return dryRun;
        }

        /** {@code administrator} (WebAdmin) or {@code system} (the schedule). */
        public String trigger() {
            return trigger;
        }

        public long examined() {
            return examined;
        }

        public long deleted() {
            return deleted;
        }

        public long moved() {
            return moved;
        }

        public long held() {
            return held;
        }

        public long failed() {
            return failed;
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }
    }
}
