package com.teaminbox.james.retention;

import java.time.Clock;
import java.time.Instant;

import javax.inject.Inject;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.SharedAccounts;

/**
 * Runs retention on one shared mailbox, for the schedule and for WebAdmin's tasks: one
 * {@link RetentionRun} does the work; this class gives it its clock and writes the run's outcome
 * whatever happens.
 */
public class RetentionService {
    /** Candidates read and acted on at a time: bounds memory whatever the folder's size. */
    public static final int BATCH_SIZE = 500;
    private static final Logger LOGGER = LoggerFactory.getLogger(RetentionService.class);

    private final MailboxManager mailboxManager;
    private final MessageIdManager messageIdManager;
    private final SharedAccounts accounts;
    private final AuditTrail auditTrail;
    private final Clock clock;

    @Inject
    public RetentionService(MailboxManager mailboxManager, MessageIdManager messageIdManager, SharedAccounts accounts,
                            AuditTrail auditTrail, Clock clock) {
        this.mailboxManager = mailboxManager;
        this.messageIdManager = messageIdManager;
        this.accounts = accounts;
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * One run. The RETENTION_RUN record of its outcome is written whatever happens.
     *
     * @throws InterruptedException when the task is cancelled; what is done stays done
     */
    public void run(SharedMailbox sharedMailbox, boolean dryRun, AuditActor actor, RetentionProgress progress)
        throws InterruptedException, MailboxException {
        String outcome = "failed";
        Instant now = clock.instant();
        String address = sharedMailbox.address().asString();
        RetentionReceipts receipts = new RetentionReceipts(auditTrail, address, actor, dryRun);
        MDC.put("sharedMailbox", address);
        try {
            LOGGER.info("Retention {}run of {} by {} at {}", dryRun ? "dry " : "", address, actor, now);
            new RetentionRun(mailboxManager, messageIdManager, accounts, sharedMailbox, dryRun, progress, receipts, now).execute();
            outcome = "completed";
        } catch (InterruptedException e) {
            outcome = "cancelled";
            throw e;
        } finally {
            LOGGER.info("Retention {}run of {} {}: {}", dryRun ? "dry " : "", address, outcome, progress);
            receipts.runEnded(outcome, progress, now);
            MDC.remove("sharedMailbox");
        }
    }
}
