package com.teaminbox.james.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LsubRequest;
import org.apache.james.imap.processor.LSubProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** {@code LSUB} by a member shows only the subscribed folders she holds {@code l} on. */
public class MemberLSubProcessor extends LSubProcessor {
    private final MemberAccess access;

    @Inject
    public MemberLSubProcessor(MailboxManager mailboxManager, SubscriptionManager subscriptionManager, StatusResponseFactory factory,
                               MetricFactory metricFactory, MemberAccess access) {
        super(mailboxManager, subscriptionManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(LsubRequest request, ImapSession session, Responder responder) {
        return VisibleFoldersResponder.forSession(responder, access, session)
            .flatMap(visibleOnly -> super.processRequestReactive(request, session, visibleOnly));
    }
}
