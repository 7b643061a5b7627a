package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.CloseRequest;
import org.apache.james.imap.processor.CloseProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/**
 * {@code CLOSE} expunges silently (RFC 3501 section 6.4.2). A member without {@code e} only
 * leaves the folder, so that she cannot expunge what another member marked {@code \Deleted}.
 */
public class MemberCloseProcessor extends CloseProcessor {
    private final MemberAccess access;

    @Inject
    public MemberCloseProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(CloseRequest request, ImapSession session, Responder responder) {
        // read once, here: a failure is the guard's refusal with its record, not a generic NO from inside the flatMap
        Optional<MailboxPath> selected = access.selectedFolder(session);
        return access.restricts(session, "CLOSE", selected, Rights.of(Right.EXPUNGE))
            .flatMap(refused -> refused
                ? session.deselect().then(Mono.fromRunnable(() -> okComplete(request, responder)))
                : access.recordThen(session, request, responder, getStatusResponseFactory(),
                    MemberAction.of(AuditEventType.MESSAGES_EXPUNGED, "CLOSE", selected),
                    () -> super.processRequestReactive(request, session, responder)));
    }
}
