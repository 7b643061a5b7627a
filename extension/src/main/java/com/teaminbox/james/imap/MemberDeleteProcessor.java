package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.DeleteRequest;
import org.apache.james.imap.processor.DeleteProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/** {@code DELETE} of a folder by a member needs {@code x} on it. */
public class MemberDeleteProcessor extends DeleteProcessor {
    private final MemberAccess access;

    @Inject
    public MemberDeleteProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                 MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(DeleteRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.recordThen(session, request, responder, getStatusResponseFactory(),
            MemberAction.of(AuditEventType.FOLDER_DELETED, "DELETE", folder.get()),
            () -> super.processRequestReactive(request, session, responder));
    }
}
