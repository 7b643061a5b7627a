package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code CREATE} by a member needs {@code k} on the parent folder (INBOX's rights stand for the
 * top level); the new folder then gets the members' rights like every other folder.
 */
public class MemberCreateProcessor extends CreateProcessor {
    private final MemberAccess access;

    @Inject
    public MemberCreateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                 MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(CreateRequest request, ImapSession session, Responder responder) {
        MailboxPath folder = MemberAccess.folder(session, request.getMailboxName());
        MailboxPath parent = MemberAccess.parentOrInbox(folder, session.getMailboxSession().getPathDelimiter());
        return access.refuses(session, "CREATE", Optional.of(parent), Rights.of(Right.CREATE_MAILBOX))
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : access.recordThen(session, request, responder, getStatusResponseFactory(),
                    MemberAction.of(AuditEventType.FOLDER_CREATED, "CREATE", folder),
                    () -> super.processRequestReactive(request, session, responder))
                    .then(Mono.fromRunnable(() -> access.memberSession(session)
                        .ifPresent(member -> access.grantMembers(member, folder)))
                        .subscribeOn(Schedulers.boundedElastic()))
                    .then());
    }
}
