package com.teaminbox.james.imap;

import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

import javax.inject.Inject;

import org.apache.james.imap.api.message.request.SearchKey;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.SearchRequest;
import org.apache.james.imap.processor.SearchProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.audit.AuditEventType;

import reactor.core.publisher.Mono;

/**
 * {@code SEARCH TEXT "refund"} tells a member which messages say "refund" without fetching them:
 * a search on a message's text or headers is a read, recorded like a FETCH of a body (unless
 * {@code <audit read-access="false">}). A search on flags, dates or sizes is not.
 */
public class MemberSearchProcessor extends SearchProcessor {
    private static final Set<SearchKey.Type> CONTENT_KEYS = EnumSet.of(SearchKey.Type.TYPE_TEXT, SearchKey.Type.TYPE_BODY,
        SearchKey.Type.TYPE_HEADER, SearchKey.Type.TYPE_SUBJECT, SearchKey.Type.TYPE_FROM, SearchKey.Type.TYPE_TO,
        SearchKey.Type.TYPE_CC, SearchKey.Type.TYPE_BCC);

    private final MemberAccess access;
    private final MemberAudit audit;

    @Inject
    public MemberSearchProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                 MemberAccess access, MemberAudit audit) {
        super(mailboxManager, factory, metricFactory);
        this.access = access;
        this.audit = audit;
    }

    @Override
    protected Mono<Void> processRequestReactive(SearchRequest request, ImapSession session, Responder responder) {
        Set<String> contentKeys = new TreeSet<>();
        collectContentKeys(request.getSearchOperation().getSearchKey(), contentKeys);
        if (contentKeys.isEmpty() || !audit.auditsReads()) {
            return super.processRequestReactive(request, session, responder);
        }
        return access.recordThen(session, request, responder, getStatusResponseFactory(),
            MemberAction.of(AuditEventType.MESSAGE_READ, "SEARCH", access.selectedFolder(session))
                .with("search", String.join(" ", contentKeys)),
            () -> super.processRequestReactive(request, session, responder));
    }

    /** The content criteria anywhere in the key, e.g. {@code TEXT SUBJECT}: AND, OR and NOT nest them. */
    private static void collectContentKeys(SearchKey key, Set<String> found) {
        if (CONTENT_KEYS.contains(key.getType())) {
            found.add(key.getType().name().substring("TYPE_".length()));
        }
        if (key.getKeys() != null) {
            key.getKeys().forEach(inner -> collectContentKeys(inner, found));
        }
    }
}
