package com.teaminbox.james.imap;

import java.time.Duration;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.core.Username;
import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.process.ImapLineHandler;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.api.process.SelectedMailbox;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.protocols.api.OidcSASLConfiguration;

import reactor.core.publisher.Mono;

/**
 * A member's own IMAP session, seen from one shared mailbox: the command James runs through it
 * resolves folder names in the shared account ({@code PathConverter} builds a path for
 * {@link #getUserName()}), and {@link MemberAccess} finds the member session there, so the guard,
 * the rights table and the audit apply exactly as for the combined login.
 *
 * <p>Two kinds. A <em>member's view</em> keeps her own mailbox session: James's mailbox layer then
 * checks her ACL entry on each folder (RFC 4314), the guard checks her role first, and mail moves
 * between her folders and the team's in one session, as James's COPY and MOVE need. An
 * <em>owner's view</em> uses the member session of the shared account for what James 3.8.1 lets
 * only an owner do (CREATE, DELETE, RENAME, ACL commands, listing its folders); it shows a selected
 * folder only if it belongs to that account, whose session could not read another.
 * Everything else (state, selection, attributes, the connection) is the member's own session.
 */
final class SharedFolderView implements ImapSession {
    private final ImapSession own;
    private final MemberSession member;
    private final boolean asOwner;

    private SharedFolderView(ImapSession own, MemberSession member, boolean asOwner) {
        this.own = own;
        this.member = member;
        this.asOwner = asOwner;
    }

    static SharedFolderView asMember(ImapSession own, MemberSession member) {
        return new SharedFolderView(own, member, false);
    }

    static SharedFolderView asOwner(ImapSession own, MemberSession member) {
        return new SharedFolderView(own, member, true);
    }

    /** The connection's own session behind a view, or the session itself. */
    static ImapSession own(ImapSession session) {
        return session instanceof SharedFolderView ? ((SharedFolderView) session).own : session;
    }

    MemberSession member() {
        return member;
    }

    @Override
    public Username getUserName() {
        return member.mailboxSession().getUser();
    }

    @Override
    public MailboxSession getMailboxSession() {
        return asOwner ? member.mailboxSession() : own.getMailboxSession();
    }

    @Override
    public Object getAttribute(String key) {
        return MAILBOX_SESSION_ATTRIBUTE_SESSION_KEY.equals(key) ? getMailboxSession() : own.getAttribute(key);
    }

    @Override
    public void setAttribute(String key, Object value) {
        if (MAILBOX_SESSION_ATTRIBUTE_SESSION_KEY.equals(key)) {
            throw new IllegalStateException("A shared folder view cannot change the session's mailbox session");
        }
        own.setAttribute(key, value);
    }

    @Override
    public SelectedMailbox getSelected() {
        SelectedMailbox selected = own.getSelected();
        if (selected == null || !asOwner) {
            return selected;
        }
        return selected.getMessageManager().getMailboxPath().getUser().equals(getUserName()) ? selected : null;
    }

    @Override
    public SessionId sessionId() {
        return own.sessionId();
    }

    @Override
    public void executeSafely(Runnable runnable) {
        own.executeSafely(runnable);
    }

    @Override
    public Mono<Void> logout() {
        return own.logout();
    }

    @Override
    public ImapSessionState getState() {
        return own.getState();
    }

    @Override
    public void authenticated() {
        own.authenticated();
    }

    @Override
    public Mono<Void> selected(SelectedMailbox mailbox) {
        return own.selected(mailbox);
    }

    @Override
    public Mono<Void> deselect() {
        return own.deselect();
    }

    @Override
    public boolean startTLS(Runnable runnable) {
        return own.startTLS(runnable);
    }

    @Override
    public boolean isTLSActive() {
        return own.isTLSActive();
    }

    @Override
    public boolean supportStartTLS() {
        return own.supportStartTLS();
    }

    @Override
    public Optional<SSLSession> getSSLSession() {
        return own.getSSLSession();
    }

    @Override
    public boolean isCompressionActive() {
        return own.isCompressionActive();
    }

    @Override
    public boolean isCompressionSupported() {
        return own.isCompressionSupported();
    }

    @Override
    public boolean startCompression(Runnable runnable) {
        return own.startCompression(runnable);
    }

    @Override
    public void pushLineHandler(ImapLineHandler lineHandler) {
        own.pushLineHandler(lineHandler);
    }

    @Override
    public void popLineHandler() {
        own.popLineHandler();
    }

    @Override
    public boolean supportMultipleNamespaces() {
        return own.supportMultipleNamespaces();
    }

    @Override
    public boolean isSSLRequired() {
        return own.isSSLRequired();
    }

    @Override
    public boolean isPlainAuthEnabled() {
        return own.isPlainAuthEnabled();
    }

    @Override
    public boolean supportsOAuth() {
        return own.supportsOAuth();
    }

    @Override
    public Optional<OidcSASLConfiguration> oidcSaslConfiguration() {
        return own.oidcSaslConfiguration();
    }

    @Override
    public void schedule(Runnable runnable, Duration waitDelay) {
        own.schedule(runnable, waitDelay);
    }

    @Override
    public boolean needsCommandInjectionDetection() {
        return own.needsCommandInjectionDetection();
    }

    @Override
    public void startDetectingCommandInjection() {
        own.startDetectingCommandInjection();
    }

    @Override
    public void stopDetectingCommandInjection() {
        own.stopDetectingCommandInjection();
    }
}
