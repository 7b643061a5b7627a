package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.processor.CopyProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/** {@code COPY} by a member ({@code i} on the target, checked by {@link MemberCommandGuard}) is recorded before it runs. */
public class MemberCopyProcessor extends CopyProcessor {
    private final MemberAccess access;

    @Inject
    public MemberCopyProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                               MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(CopyRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.recordThen(session, request, responder, getStatusResponseFactory(),
            MemberAction.of(AuditEventType.MESSAGES_COPIED, "COPY", access.selectedFolder(session))
                .withMessages(request.getIdSet(), request.isUseUids(), Optional.ofNullable(session.getSelected())).with("to", folder.get().getName()),
            () -> super.processRequestReactive(request, session, responder));
    }
}
