package com.teaminbox.core.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an audit record is about. The wire name (kebab-case) is part of the versioned schema
 * documented in docs/audit.md: add types, never rename one.
 */
public enum AuditEventType {
    MAIL_RECEIVED("mail-received"),
    TICKET_CREATED("ticket-created"),
    TICKET_THREADED("ticket-threaded"),
    RULE_MATCHED("rule-matched"),
    RULE_AUDITED("rule-audited"),
    /** An action of a matching rule that could not be applied to one mail (a folder gone, a header too long): the mail went on without it. */
    RULE_ACTION_SKIPPED("rule-action-skipped"),
    AUTORESPONSE_SENT("autoresponse-sent"),
    AUTORESPONSE_SUPPRESSED("autoresponse-suppressed"),
    SEND_ACCEPTED("send-accepted"),
    SEND_REFUSED("send-refused"),
    SUBJECT_FIXED("subject-fixed"),
    SUBJECT_REJECTED("subject-rejected"),
    SUBJECT_FLAGGED("subject-flagged"),
    LOGIN_ACCEPTED("login-accepted"),
    LOGIN_REFUSED("login-refused"),
    /** A member's IMAP command refused by the folder's rights. */
    COMMAND_REFUSED("command-refused"),
    FLAGS_CHANGED("flags-changed"),
    MESSAGES_EXPUNGED("messages-expunged"),
    MESSAGES_MOVED("messages-moved"),
    MESSAGES_COPIED("messages-copied"),
    MESSAGE_APPENDED("message-appended"),
    MESSAGE_READ("message-read"),
    FOLDER_CREATED("folder-created"),
    FOLDER_DELETED("folder-deleted"),
    FOLDER_RENAMED("folder-renamed"),
    ACL_CHANGED("acl-changed"),
    RETENTION_DELETED("retention-deleted"),
    RETENTION_MOVED("retention-moved"),
    RETENTION_RUN("retention-run"),
    CONFIGURATION_LOADED("configuration-loaded"),
    CONFIGURATION_REFUSED("configuration-refused"),
    ALERT_RAISED("alert-raised"),
    /** Records were lost because the trail could not be written (failure policy {@code continue}). */
    AUDIT_GAP("audit-gap"),
    /** A member's IMAP session ended by the server: she lost access while it was open. */
    SESSION_CLOSED("session-closed"),
    /** A member marked a ticket resolved ($Resolved), or a customer's reply reopened it: docs/sla.md. */
    TICKET_RESOLVED("ticket-resolved"),
    TICKET_REOPENED("ticket-reopened"),
    /** A ticket waits on the customer ($Pending): its response clocks stop until she writes or the keyword goes. */
    TICKET_PENDING("ticket-pending"),
    /** A response-time target of the ticket's SLA policy is near (the warning stage) or missed. */
    SLA_WARNING("sla-warning"),
    SLA_BREACHED("sla-breached"),
    /** A webhook endpoint stopped: its receiver answered 410 Gone, or kept failing past the retry window (docs/webhooks.md). */
    WEBHOOK_DISABLED("webhook-disabled"),
    /** An administrator re-enabled a disabled webhook endpoint over WebAdmin. */
    WEBHOOK_ENABLED("webhook-enabled"),
    /** Outgoing data-loss checks (docs/outgoing.md): a member's mail refused, held for review or flagged; never the data found. */
    DATA_LOSS_REFUSED("data-loss-refused"),
    DATA_LOSS_HELD("data-loss-held"),
    DATA_LOSS_FLAGGED("data-loss-flagged"),
    /** An administrator released a held mail (delivered as it was) or discarded it, over WebAdmin. */
    HELD_RELEASED("held-released"),
    HELD_DISCARDED("held-discarded"),
    /** Collision guard: a reply on a ticket another member already answered, refused, warned, or let through as a deliberate resend. */
    COLLISION_REFUSED("collision-refused"),
    COLLISION_WARNED("collision-warned"),
    COLLISION_RESENT("collision-resent");

    private final String wireName;

    AuditEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AuditEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
