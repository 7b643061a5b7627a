package com.teaminbox.james.imap;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.processor.CreateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code CREATE} by a member: {@link MemberCommandGuard} has checked {@code k} where the folder
 * goes. James also creates the missing parents on the way; each folder that did not exist before
 * gets the members' rights, as provisioning gives every other folder: otherwise not even its
 * creator could see it until the next start. A folder that existed keeps its ACL, so that a CREATE
 * can never widen anyone's rights.
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
        Optional<MemberSession> member = access.memberSession(session);
        if (member.isEmpty()) {
            return super.processRequestReactive(request, session, responder);
        }
        MailboxPath folder = MemberAccess.folder(session, request.getMailboxName());
        return access.exists(folder, session)
            .flatMap(exists -> exists
                ? super.processRequestReactive(request, session, responder)
                : create(request, session, responder, member.get(), folder));
    }

    private Mono<Void> create(CreateRequest request, ImapSession session, Responder responder, MemberSession member, MailboxPath folder) {
        return access.nearestExistingParent(folder, session)
            .flatMap(parent -> access.recordThen(session, request, responder, getStatusResponseFactory(),
                    MemberAction.of(AuditEventType.FOLDER_CREATED, "CREATE", folder),
                    () -> super.processRequestReactive(request, session, responder))
                .then(Mono.fromRunnable(() -> access.grantMembers(member, levelsBelow(parent, folder, session)))
                    .subscribeOn(Schedulers.boundedElastic()))
                .then());
    }

    /** The folders from just under {@code parent} down to {@code folder}: those this CREATE may have made. */
    private static List<MailboxPath> levelsBelow(MailboxPath parent, MailboxPath folder, ImapSession session) {
        char delimiter = session.getMailboxSession().getPathDelimiter();
        List<MailboxPath> existing = parent.getHierarchyLevels(delimiter);
        return folder.getHierarchyLevels(delimiter).stream()
            .filter(level -> !existing.contains(level))
            .collect(Collectors.toList());
    }
}
