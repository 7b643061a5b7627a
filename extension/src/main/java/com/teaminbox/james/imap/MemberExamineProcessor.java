package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;

import reactor.core.publisher.Mono;

/** {@code EXAMINE} by a member needs {@code r} on the folder. */
public class MemberExamineProcessor extends ExamineProcessor {
    private final MemberAccess access;

    @Inject
    public MemberExamineProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statusResponseFactory,
                                  MetricFactory metricFactory, MemberAccess access) {
        super(mailboxManager, eventBus, statusResponseFactory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(ExamineRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.refuses(session, "EXAMINE", folder, Rights.of(Right.READ))
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : super.processRequestReactive(request, session, responder));
    }
}
