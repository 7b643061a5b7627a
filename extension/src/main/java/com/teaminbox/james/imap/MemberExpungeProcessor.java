package com.teaminbox.james.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExpungeRequest;
import org.apache.james.imap.processor.ExpungeProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/** {@code EXPUNGE} and {@code UID EXPUNGE} by a member ({@code e}, checked by {@link MemberCommandGuard}) are recorded before they run. */
public class MemberExpungeProcessor extends ExpungeProcessor {
    private final MemberAccess access;

    @Inject
    public MemberExpungeProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                  MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(ExpungeRequest request, ImapSession session, Responder responder) {
        return access.recordThen(session, request, responder, getStatusResponseFactory(), action(request, session),
            () -> super.processRequestReactive(request, session, responder));
    }

    private MemberAction action(ExpungeRequest request, ImapSession session) {
        MemberAction action = MemberAction.of(AuditEventType.MESSAGES_EXPUNGED, "EXPUNGE", access.selectedFolder(session));
        return request.getUidSet() == null ? action : action.withUids(request.getUidSet());
    }
}
