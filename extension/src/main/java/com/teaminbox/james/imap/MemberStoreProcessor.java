package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.StoreRequest;
import org.apache.james.imap.processor.StoreProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.FlagRights;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/**
 * {@code STORE} by a member: {@code \Seen} needs {@code s}, {@code \Deleted} {@code t}, any other
 * flag or keyword {@code w}. {@code FLAGS} (replace) can clear any flag, so it needs all three.
 */
public class MemberStoreProcessor extends StoreProcessor {
    private static final Rights TO_REPLACE_ALL_FLAGS = Rights.parse("swt");

    private final MemberAccess access;

    @Inject
    public MemberStoreProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                MemberAccess access) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
    }

    @Override
    protected Mono<Void> processRequestReactive(StoreRequest request, ImapSession session, Responder responder) {
        // read once, here: a failure is the guard's refusal with its record, not a generic NO from inside the flatMap
        Optional<MailboxPath> selected = access.selectedFolder(session);
        return access.refuses(session, "STORE", selected, required(request))
            .flatMap(refused -> refused
                ? MemberAccess.refuse(responder, getStatusResponseFactory(), request)
                : access.recordThen(session, request, responder, getStatusResponseFactory(), action(request, session, selected),
                    () -> super.processRequestReactive(request, session, responder)));
    }

    private MemberAction action(StoreRequest request, ImapSession session, Optional<MailboxPath> selected) {
        String mode = switch (request.getFlagsUpdateMode()) {
            case ADD -> "+";
            case REMOVE -> "-";
            case REPLACE -> "=";
        };
        return MemberAction.of(AuditEventType.FLAGS_CHANGED, "STORE", selected)
            .withMessages(request.getIdSet(), request.isUseUids(), Optional.ofNullable(session.getSelected()))
            .with("flags", mode + String.join(" ", ImapFlags.names(request.getFlags())));
    }

    private static Rights required(StoreRequest request) {
        if (request.getFlagsUpdateMode() == MessageManager.FlagsUpdateMode.REPLACE) {
            return TO_REPLACE_ALL_FLAGS;
        }
        return FlagRights.requiredToChange(ImapFlags.names(request.getFlags()));
    }
}
