package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.DeleteACLRequest;
import org.apache.james.imap.processor.DeleteACLProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/** {@code DELETEACL} by a member ({@code a}, checked by {@link MemberCommandGuard}) is recorded before it runs. */
public class MemberDeleteACLProcessor extends DeleteACLProcessor {
    private final MemberAccess access;

    @Inject
    public MemberDeleteACLProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                    MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(DeleteACLRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.recordThen(session, request, responder, getStatusResponseFactory(),
            MemberAction.of(AuditEventType.ACL_CHANGED, "DELETEACL", folder.get()).with("identifier", request.getIdentifier()),
            () -> super.processRequestReactive(request, session, responder));
    }
}
