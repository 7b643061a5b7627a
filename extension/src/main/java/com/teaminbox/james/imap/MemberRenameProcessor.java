package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.processor.RenameProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/** {@code RENAME} by a member (RFC 4314 section 4): {@code x} on the folder, {@code k} where it goes. */
public class MemberRenameProcessor extends RenameProcessor {
    private final MemberAccess access;

    @Inject
    public MemberRenameProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                 MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(RenameRequest request, ImapSession session, Responder responder) {
        MailboxPath source = MemberAccess.folder(session, request.getExistingName());
        MailboxPath target = MemberAccess.folder(session, request.getNewName());
        MailboxPath targetParent = MemberAccess.parentOrInbox(target, session.getMailboxSession().getPathDelimiter());
        return access.refuses(session, "RENAME", Optional.of(source), Rights.of(Right.DELETE_MAILBOX))
            .flatMap(refused -> refused ? Mono.just(true)
                : access.refuses(session, "RENAME", Optional.of(targetParent), Rights.of(Right.CREATE_MAILBOX)))
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : access.recordThen(session, request, responder, getStatusResponseFactory(),
                    MemberAction.of(AuditEventType.FOLDER_RENAMED, "RENAME", source).with("to", target.getName()),
                    () -> super.processRequestReactive(request, session, responder)));
    }
}
