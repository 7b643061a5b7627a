package com.teaminbox.james.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.XListRequest;
import org.apache.james.imap.processor.XListProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.metrics.api.MetricFactory;

import reactor.core.publisher.Mono;

/** {@code XLIST} (the pre-RFC 6154 Gmail listing) by a member shows only the folders she holds {@code l} on. */
public class MemberXListProcessor extends XListProcessor {
    private final MemberAccess access;

    @Inject
    public MemberXListProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                SubscriptionManager subscriptionManager, MemberAccess access) {
        super(mailboxManager, factory, metricFactory, subscriptionManager);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(XListRequest request, ImapSession session, Responder responder) {
        return VisibleFoldersResponder.forSession(responder, access, session)
            .flatMap(visibleOnly -> super.processRequestReactive(request, session, visibleOnly));
    }
}
