package com.teaminbox.james.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.MailboxTyper;
import org.apache.james.imap.message.request.ListRequest;
import org.apache.james.imap.processor.ListProcessor;
import org.apache.james.imap.processor.StatusProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** {@code LIST} by a member shows only the folders she holds {@code l} on. */
public class MemberListProcessor extends ListProcessor<ListRequest> {
    private final MemberAccess access;

    @Inject
    public MemberListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                               SubscriptionManager subscriptionManager, StatusProcessor statusProcessor, MailboxTyper mailboxTyper,
                               MemberAccess access) {
        super(mailboxManager, factory, metricFactory, subscriptionManager, statusProcessor, mailboxTyper);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(ListRequest request, ImapSession session, Responder responder) {
        return VisibleFoldersResponder.forSession(responder, access, session)
            .flatMap(visibleOnly -> super.processRequestReactive(request, session, visibleOnly));
    }
}
