package com.teaminbox.james.imap;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.apache.james.imap.api.message.FetchData;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.FetchRequest;
import org.apache.james.imap.processor.fetch.FetchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/**
 * {@code FETCH BODY[]} marks a message {@code \Seen} (RFC 3501 section 6.4.5), even after
 * {@code EXAMINE} in James 3.8.1. For a member without {@code s} every body part is fetched as
 * {@code BODY.PEEK[]} instead: she reads, the team's unread state stays.
 */
public class MemberFetchProcessor extends FetchProcessor {
    private final MemberAccess access;
    private final MemberAudit audit;

    @Inject
    public MemberFetchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                MemberAccess access, MemberAudit audit) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
        this.audit = audit;
    }

    @Override
    protected Mono<Void> processRequestReactive(FetchRequest request, ImapSession session, Responder responder) {
        if (!request.getFetch().isSetSeen()) {
            return readAudited(request, session, responder, request, () -> access.selectedFolder(session));
        }
        // read once, here: a failure is the guard's refusal with its record, not a generic NO from inside the flatMap
        Optional<MailboxPath> selected = access.selectedFolder(session);
        return access.restricts(session, "FETCH", selected, Rights.of(Right.WRITE_SEEN))
            .flatMap(refused -> readAudited(request, session, responder, refused ? peeking(request) : request, () -> selected));
    }

    /**
     * Opening a message is recorded like Exchange's MailItemsAccessed, unless
     * {@code <audit read-access="false">}: any body part (peek or not), and the envelope or body
     * structure, which carry its subject, correspondents and attachment names. Flags, sizes and
     * dates alone are not a read.
     */
    private Mono<Void> readAudited(FetchRequest original, ImapSession session, Responder responder, FetchRequest toRun,
                                   Supplier<Optional<MailboxPath>> selected) {
        if (!readsContent(original.getFetch()) || !audit.auditsReads()) {
            return super.processRequestReactive(toRun, session, responder);
        }
        return access.recordThen(session, original, responder, getStatusResponseFactory(),
            MemberAction.of(AuditEventType.MESSAGE_READ, "FETCH", selected.get())
                .withMessages(original.getIdSet(), original.isUseUids(), Optional.ofNullable(session.getSelected())),
            () -> super.processRequestReactive(toRun, session, responder));
    }

    private static boolean readsContent(FetchData fetch) {
        return !fetch.getBodyElements().isEmpty() || fetch.contains(FetchData.Item.ENVELOPE)
            || fetch.contains(FetchData.Item.BODY_STRUCTURE) || fetch.contains(FetchData.Item.BODY);
    }

    private static FetchRequest peeking(FetchRequest request) {
        FetchData original = request.getFetch();
        FetchData.Builder peek = FetchData.builder().vanished(original.getVanished());
        Arrays.stream(FetchData.Item.values()).filter(original::contains).forEach(peek::fetch);
        if (original.getChangedSince() != -1) {
            peek.changedSince(original.getChangedSince());
        }
        original.getBodyElements().forEach(element -> peek.add(element, true));
        return new FetchRequest(request.isUseUids(), request.getIdSet(), peek.build(), request.getTag());
    }
}
