package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.processor.MoveProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/**
 * {@code MOVE} by a member (RFC 6851 section 3.3): {@code i} on the target (checked by
 * {@link MemberCommandGuard}), and {@code t} and {@code e} on the source, since the messages leave
 * it as if deleted and expunged.
 */
public class MemberMoveProcessor extends MoveProcessor {
    private static final Rights ON_SOURCE = Rights.of(Right.DELETE_MESSAGES, Right.EXPUNGE);

    private final MemberAccess access;

    @Inject
    public MemberMoveProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                               MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(MoveRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> target = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        // read once, here: a failure is the guard's refusal with its record, not a generic NO from inside the flatMap
        Optional<MailboxPath> selected = access.selectedFolder(session);
        return access.refuses(session, "MOVE", selected, ON_SOURCE)
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : access.recordThen(session, request, responder, getStatusResponseFactory(),
                    MemberAction.of(AuditEventType.MESSAGES_MOVED, "MOVE", selected)
                        .withMessages(request.getIdSet(), request.isUseUids(), Optional.ofNullable(session.getSelected())).with("to", target.get().getName()),
                    () -> super.processRequestReactive(request, session, responder)));
    }
}
