package com.teaminbox.james.audit;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;

/**
 * The mix of a shared mailbox's day, in equal parts: mails received, tickets created, rules
 * matched, members' reads. The one source of audit events under load: the audit benchmark
 * ({@code ./benchmark audit}, benchmarks module, through this module's test jar) measures what
 * {@link FileAuditStorageConcurrencyTest} proves whole, so both speak of the same records.
 */
public final class AuditEventMix {
    /** One event of each kind, in this order, every four numbers. */
    public static final int KINDS = 4;
    public static final String SHARED_MAILBOX = "support@example.test";
    private static final String[] ACTORS = {"alice@example.test", "bob@example.test", "carol@example.test", "jane@customer.test"};

    private AuditEventMix() {
    }

    /** The event numbered {@code sequence}: its kind is {@code sequence % KINDS}, its ticket and message id derive from it. */
    public static AuditEvent event(long sequence) {
        String actor = ACTORS[(int) (sequence % ACTORS.length)];
        String ticket = "SUP-" + (1000 + sequence / KINDS);
        return switch ((int) (sequence % KINDS)) {
            case 0 -> AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("jane@customer.test"))
                .sharedMailbox(SHARED_MAILBOX).messageId("<" + sequence + ".benchmark@customer.test>")
                .decision("accepted").detail("size", 20_480).build();
            case 1 -> AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).messageId("<" + sequence + ".benchmark@customer.test>").decision("created")
                .reason("new conversation").build();
            case 2 -> AuditEvent.of(AuditEventType.RULE_MATCHED, AuditActor.system()).sharedMailbox(SHARED_MAILBOX)
                .ticket(ticket).decision("applied").detail("rule", "urgent").detail("actions", "flag,move:Urgent").build();
            default -> AuditEvent.of(AuditEventType.MESSAGE_READ, AuditActor.member(actor)).sharedMailbox(SHARED_MAILBOX)
                .decision("accepted").detail("folder", "INBOX").detail("uids", Long.toString(sequence)).build();
        };
    }
}
