package com.teaminbox.james.retention;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.retention.RetentionPolicy;

/**
 * What one run writes in the audit trail (docs/retention.md, "Receipts"): a record before each
 * block, a receipt per message that went, and the run's outcome. A refusal of the trail reaches
 * the run as {@code AuditUnavailableException}, which stops it: nothing goes unrecorded.
 */
final class RetentionReceipts {
    private final AuditTrail auditTrail;
    private final String sharedMailbox;
    private final AuditActor actor;
    private final boolean dryRun;

    RetentionReceipts(AuditTrail auditTrail, String sharedMailbox, AuditActor actor, boolean dryRun) {
        this.auditTrail = auditTrail;
        this.sharedMailbox = sharedMailbox;
        this.actor = actor;
        this.dryRun = dryRun;
    }

    /** Before a block is removed or moved: should the trail fail before the receipts, this record still names what went. */
    void announce(String action, List<DueMessage> run, Optional<FolderName> target) {
        AuditEvent.Builder event = AuditEvent.of(AuditEventType.RETENTION_RUN, actor)
            .sharedMailbox(sharedMailbox)
            .decision(action)
            .detail("folder", run.get(0).message().facts().folder().path())
            .detail("uids", run.get(0).uid().asLong() + ":" + run.get(run.size() - 1).uid().asLong())
            .detail("count", run.size());
        target.ifPresent(folder -> event.detail("target", folder.path()));
        auditTrail.record(event.build());
    }

    void deleted(DueMessage due) {
        receipt(AuditEventType.RETENTION_DELETED, "delete", due);
    }

    void moved(DueMessage due) {
        receipt(AuditEventType.RETENTION_MOVED, "move", due);
    }

    void runEnded(String outcome, RetentionProgress progress, Instant now) {
        auditTrail.record(AuditEvent.of(AuditEventType.RETENTION_RUN, actor)
            .sharedMailbox(sharedMailbox)
            .decision(outcome)
            .detail("dryRun", Boolean.toString(dryRun))
            .detail("examined", progress.examinedCount())
            .detail("deleted", progress.deletedCount())
            .detail("moved", progress.movedCount())
            .detail("held", progress.heldCount())
            .detail("failed", progress.failedCount())
            .detail("now", now.toString())
            .build());
    }

    private void receipt(AuditEventType type, String action, DueMessage due) {
        RetentionCandidate message = due.message();
        AuditEvent.Builder event = AuditEvent.of(type, actor)
            .sharedMailbox(sharedMailbox)
            .messageId(message.messageId())
            .decision((dryRun ? "would-" : "") + action)
            .detail("folder", message.facts().folder().path())
            .detail("uid", message.uid().asLong())
            .detail("internalDate", message.facts().internalDate().toString())
            .detail("size", message.size())
            .detail("policy", due.decision().policy().map(RetentionPolicy::describe).orElse(""))
            .detail("dryRun", Boolean.toString(dryRun));
        due.decision().target().ifPresent(target -> event.detail("target", target.path()));
        auditTrail.record(event.build());
    }
}
