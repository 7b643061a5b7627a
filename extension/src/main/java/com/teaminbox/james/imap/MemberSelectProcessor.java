package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.events.EventBus;
import org.apache.james.imap.api.ImapConfiguration;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.ExamineRequest;
import org.apache.james.imap.message.request.SelectRequest;
import org.apache.james.imap.processor.ExamineProcessor;
import org.apache.james.imap.processor.SelectProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;

import reactor.core.publisher.Mono;

/**
 * {@code SELECT} by a member ({@code r} checked by {@link MemberCommandGuard}): without {@code s} she gets {@code EXAMINE}'s
 * read-only selection (RFC 4314 section 4), so that reading never marks mail {@code \Seen} for
 * the whole team.
 */
public class MemberSelectProcessor extends SelectProcessor {
    private static final Rights TO_SELECT_READ_WRITE = Rights.of(Right.WRITE_SEEN);

    private final MemberAccess access;
    private final ReadOnlySelection readOnly;

    @Inject
    public MemberSelectProcessor(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statusResponseFactory,
                                 MetricFactory metricFactory, MemberAccess access) {
        super(mailboxManager, eventBus, statusResponseFactory, metricFactory);
        this.access = access;
        this.readOnly = new ReadOnlySelection(mailboxManager, eventBus, statusResponseFactory, metricFactory);
    }

    @Override
    public void configure(ImapConfiguration imapConfiguration) {
        super.configure(imapConfiguration);
        readOnly.configure(imapConfiguration);
    }

    @Override
    protected Mono<Void> processRequestReactive(SelectRequest request, ImapSession session, Responder responder) {
        Optional<MailboxPath> folder = Optional.of(MemberAccess.folder(session, request.getMailboxName()));
        return access.restricts(session, "SELECT", folder, TO_SELECT_READ_WRITE)
            .flatMap(readOnlyOnly -> readOnlyOnly
                ? readOnly.examine(request, session, responder)
                : super.processRequestReactive(request, session, responder));
    }

    /** James's EXAMINE, reachable from here with the SELECT's arguments. */
    private static final class ReadOnlySelection extends ExamineProcessor {
        ReadOnlySelection(MailboxManager mailboxManager, EventBus eventBus, StatusResponseFactory statusResponseFactory,
                          MetricFactory metricFactory) {
            super(mailboxManager, eventBus, statusResponseFactory, metricFactory);
        }

        Mono<Void> examine(SelectRequest select, ImapSession session, Responder responder) {
            ExamineRequest examine = new ExamineRequest(select.getMailboxName(), select.getCondstore(),
                select.getLastKnownUidValidity(), select.getKnownModSeq(), select.getUidSet(), select.getKnownUidSet(),
                select.getKnownSequenceSet(), select.getTag());
            return processRequestReactive(examine, session, responder);
        }
    }
}
