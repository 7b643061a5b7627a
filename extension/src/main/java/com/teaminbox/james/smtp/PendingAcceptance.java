package com.teaminbox.james.smtp;

import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPSession;

import com.teaminbox.core.audit.AuditEvent;

/**
 * The {@code send-accepted} record of the mail in the DATA under way, held until every check
 * has passed. {@code SharedAddressHeadersHook} decides that a member may send as the shared
 * address, but the subject convention, the data-loss checks and the collision guard come after
 * it and may still refuse the mail; a record written at once would tell the SLA clock, the
 * reports and the webhooks of a reply that never left. {@code ReceivedMailAuditHook}, last in the
 * chain (the start check requires it there), writes it.
 */
final class PendingAcceptance {
    private static final ProtocolSession.AttachmentKey<AuditEvent> KEY =
        ProtocolSession.AttachmentKey.of("teaminbox-send-accepted", AuditEvent.class);

    private PendingAcceptance() {
    }

    static void hold(SMTPSession session, AuditEvent accepted) {
        session.setAttachment(KEY, accepted, ProtocolSession.State.Transaction);
    }

    /** The held record, removed: each is written at most once, and never for the next mail. */
    static Optional<AuditEvent> take(SMTPSession session) {
        return session.removeAttachment(KEY, ProtocolSession.State.Transaction);
    }
}
