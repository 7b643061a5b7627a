package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SetMetadataRequest;
import org.apache.james.imap.processor.SetMetadataProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;

import reactor.core.publisher.Mono;

/** {@code SETMETADATA} (RFC 5464) by a member needs {@code w}: annotations of a shared mailbox are seen by the whole team. */
public class MemberSetMetadataProcessor extends SetMetadataProcessor {
    private final MemberAccess access;

    @Inject
    public MemberSetMetadataProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                      MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(SetMetadataRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.refuses(session, "SETMETADATA", folder, Rights.of(Right.WRITE))
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : super.processRequestReactive(request, session, responder));
    }
}
