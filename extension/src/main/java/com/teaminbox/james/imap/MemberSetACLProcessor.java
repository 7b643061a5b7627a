package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SetACLRequest;
import org.apache.james.imap.processor.SetACLProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/**
 * {@code SETACL} by a member ({@code a}, checked by {@link MemberCommandGuard}) is recorded; what
 * she grants counts only within each member's role and lasts until provisioning reconciles the ACL.
 */
public class MemberSetACLProcessor extends SetACLProcessor {
    private final MemberAccess access;

    @Inject
    public MemberSetACLProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                 MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(SetACLRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.recordThen(session, request, responder, getStatusResponseFactory(),
            MemberAction.of(AuditEventType.ACL_CHANGED, "SETACL", folder.get())
                .with("identifier", request.getIdentifier()).with("rights", request.getRights()),
            () -> super.processRequestReactive(request, session, responder));
    }
}
