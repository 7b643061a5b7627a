package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AppendRequest;
import org.apache.james.imap.processor.AppendProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.FlagRights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/** {@code APPEND} by a member ({@code i} on the target, checked by {@link MemberCommandGuard}): flags need their own rights. */
public class MemberAppendProcessor extends AppendProcessor {
    private final MemberAccess access;

    @Inject
    public MemberAppendProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                 MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(AppendRequest request, ImapSession session, Responder responder) {
        MailboxPath target = MemberAccess.folder(session, request.getMailboxName());
        return withSettableFlags(request, session, target)
            .flatMap(allowed -> access.recordThen(session, request, responder, getStatusResponseFactory(),
                MemberAction.of(AuditEventType.MESSAGE_APPENDED, "APPEND", target)
                    .with("flags", allowed.getFlags() == null ? "" : String.join(" ", ImapFlags.names(allowed.getFlags()))),
                () -> super.processRequestReactive(allowed, session, responder)));
    }

    /** The flags the member lacks rights for are dropped (RFC 4314 section 4), the message kept. */
    private Mono<AppendRequest> withSettableFlags(AppendRequest request, ImapSession session, MailboxPath target) {
        Optional<MemberSession> member = access.memberSession(session);
        if (member.isEmpty() || request.getFlags() == null) {
            return Mono.just(request);
        }
        return access.rightsOnReactive(member.get(), target)
            .map(rights -> rights
                .map(held -> new AppendRequest(request.getMailboxName(),
                    ImapFlags.of(FlagRights.settable(ImapFlags.names(request.getFlags()), held)),
                    request.getDatetime(), request.getMessage(), request.getTag()))
                .orElse(request));
    }
}
