package com.teaminbox.james.imap;

import java.util.Set;

import org.apache.james.imap.api.message.response.ImapResponseMessage;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.AbstractListingResponse;
import org.apache.james.imap.message.response.MailboxStatusResponse;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Lets through only the listing lines (LIST, LSUB, XLIST, and LIST-STATUS answers) of folders on
 * which the member holds {@code l} (RFC 4314 section 4): the hidden ticket registry and folders
 * of a role without lookup right stay invisible. Every other response passes unchanged.
 *
 * <p>The visible folders are read before the listing starts: James emits listing lines from
 * Reactor threads where reading an ACL (which may block) is not allowed.
 */
final class VisibleFoldersResponder implements ImapProcessor.Responder {
    private final ImapProcessor.Responder delegate;
    private final Set<String> visibleFolders;

    private VisibleFoldersResponder(ImapProcessor.Responder delegate, Set<String> visibleFolders) {
        this.delegate = delegate;
        this.visibleFolders = visibleFolders;
    }

    /** The responder to list with: filtering in a member's session, the original one otherwise. */
    static Mono<ImapProcessor.Responder> forSession(ImapProcessor.Responder responder, MemberAccess access, ImapSession session) {
        return access.memberSession(session)
            .map(member -> Mono.<ImapProcessor.Responder>fromCallable(
                    () -> new VisibleFoldersResponder(responder, access.visibleFolderNames(member)))
                .subscribeOn(Schedulers.boundedElastic()))
            .orElse(Mono.just(responder));
    }

    @Override
    public void respond(ImapResponseMessage message) {
        if (message instanceof AbstractListingResponse && !visibleFolders.contains(((AbstractListingResponse) message).getName())) {
            return;
        }
        if (message instanceof MailboxStatusResponse && !visibleFolders.contains(((MailboxStatusResponse) message).getMailbox())) {
            return;
        }
        delegate.respond(message);
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
