package com.teaminbox.james.imap;

import java.util.Map;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.AbstractListingResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lets through only the listing lines (LIST, LSUB, XLIST) of folders on which the member holds
 * {@code l}, and LIST-STATUS answers of those on which she also holds {@code r} (RFC 4314 section 4): the hidden ticket registry and folders
 * of a role without lookup right stay invisible. Every other response passes unchanged.
 *
 * <p>The visible folders are read before the listing starts: James emits listing lines from
 * Reactor threads where reading an ACL (which may block) is not allowed.
 */
final class VisibleFoldersResponder implements ImapProcessor.Responder {
    private final ImapProcessor.Responder delegate;
    private final Map<String, Rights> rightsByFolder;

    private VisibleFoldersResponder(ImapProcessor.Responder delegate, Map<String, Rights> rightsByFolder) {
        this.delegate = delegate;
        this.rightsByFolder = rightsByFolder;
    }

    /** The responder to list with: filtering in a member's session, the original one otherwise. */
    static Mono<ImapProcessor.Responder> forSession(ImapProcessor.Responder responder, MemberAccess access, ImapSession session) {
        return access.memberSession(session)
            .map(member -> Mono.<ImapProcessor.Responder>fromCallable(
                    () -> new VisibleFoldersResponder(responder, access.rightsByFolderName(member)))
                .subscribeOn(Schedulers.boundedElastic()))
            .orElse(Mono.just(responder));
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof AbstractListingResponse && !holds(((AbstractListingResponse) message).getName(), Right.LOOKUP)) {
            return;
        }
        // LIST ... RETURN (STATUS ...) (RFC 5819) answers what STATUS would, which needs r
        if (message instanceof MailboxStatusResponse && !holds(((MailboxStatusResponse) message).getMailbox(), Right.READ)) {
            return;
        }
        delegate.respond(message);
    }

    private boolean holds(String folder, Right right) {
        Rights rights = rightsByFolder.get(folder);
        return rights != null && rights.contains(right) && rights.contains(Right.LOOKUP);
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
