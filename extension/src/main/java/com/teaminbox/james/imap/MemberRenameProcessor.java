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

/**
 * {@code RENAME} by a member (RFC 4314 section 4): {@link MemberCommandGuard} has checked {@code x}
 * on the folder; {@code k} is needed where it goes (its nearest existing parent, as for CREATE).
 * A folder under a per-folder role, or holding one, is refused: roles follow folder names, and
 * its mail would leave the role's reach. The administrator renames it in the configuration.
 */
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
        Optional<MemberSession> member = access.memberSession(session);
        if (member.isEmpty()) {
            return super.processRequestReactive(request, session, responder);
        }
        MailboxPath source = MemberAccess.folder(session, request.getExistingName());
        MailboxPath target = MemberAccess.folder(session, request.getNewName());
        if (access.governedByFolderRole(member.get(), source)) {
            access.recordRefusal(member.get(), "RENAME", source, "per-folder role; rename it in the configuration");
            return MemberAccess.refuse(responder, getStatusResponseFactory(), request);
        }
        return access.nearestExistingParent(target, session)
            .flatMap(targetParent -> access.refuses(session, "RENAME", Optional.of(targetParent), Rights.of(Right.CREATE_MAILBOX)))
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : access.recordThen(session, request, responder, getStatusResponseFactory(),
                    MemberAction.of(AuditEventType.FOLDER_RENAMED, "RENAME", source).with("to", target.getName()),
                    () -> super.processRequestReactive(request, session, responder)));
    }
}
