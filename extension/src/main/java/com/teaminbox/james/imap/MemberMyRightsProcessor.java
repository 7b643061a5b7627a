package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.MyRightsRequest;
import org.apache.james.imap.message.response.MyRightsResponse;
import org.apache.james.imap.processor.MyRightsProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Rights;

import reactor.core.publisher.Mono;

/**
 * {@code MYRIGHTS} answers the member's own rights on the folder: James would answer the owner's
 * (everything), since the session user is the shared account.
 */
public class MemberMyRightsProcessor extends MyRightsProcessor {
    private final MemberAccess access;

    @Inject
    public MemberMyRightsProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                   MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(MyRightsRequest request, ImapSession session, Responder responder) {
        Optional<MemberSession> member = access.memberSession(session);
        if (member.isEmpty()) {
            return super.processRequestReactive(request, session, responder);
        }
        return access.rightsOnReactive(member.get(), MemberAccess.folder(session, request.getMailboxName()))
            .flatMap(rights -> rights.isEmpty()
                ? super.processRequestReactive(request, session, responder)
                : Mono.fromRunnable(() -> {
                    responder.respond(new MyRightsResponse(request.getMailboxName(), asJamesRights(rights.get())));
                    okComplete(request, responder);
                }))
            .onErrorResume(MailboxException.class, e -> MemberAccess.refuse(responder, getStatusResponseFactory(), request));
    }

    private static MailboxACL.Rfc4314Rights asJamesRights(Rights rights) {
        try {
            return MailboxACL.Rfc4314Rights.deserialize(rights.letters());
        } catch (UnsupportedRightException e) {
            throw new IllegalStateException("RFC 4314 letters '" + rights.letters() + "' are all known to James", e);
        }
    }
}
