package com.teaminbox.james.imap;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxPath;

import com.teaminbox.core.access.Rights;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.mailbox.Member;

/**
 * What the commands of one IMAP session decided last, kept in its mailbox session: whether it is
 * a member's ({@link MemberSession}) and her rights per folder. Both stand while the configuration
 * in force is the same object and the node's folder ACLs ({@link com.teaminbox.james.access.FolderAclCache})
 * have not been invalidated since they were read: a reload (a member removed, a role narrowed) or a
 * change of a folder's ACL or name (made on this node or another, by any path, or assumed at the
 * backstop expiry) makes the session's next command decide afresh, so a revocation reaches open
 * sessions at their next command, as when every command read them.
 *
 * <p>Why: a member's mail client polls (a FETCH or NOOP every few seconds per folder, an IDLE
 * ended by every new mail), and each command asked the same questions three times (the guard,
 * the rights table, the processor narrowing it), each parsing addresses and ACL text again.
 */
final class SessionDecisions {
    private static final String KEY = "com.teaminbox.sessionDecisions";

    /** When decisions were made: compared by identity (a configuration is replaced, never changed) and ACL generation. */
    record Stamp(SharedMailboxesConfiguration configuration, long aclGeneration) {
        boolean same(Stamp other) {
            return other != null && configuration == other.configuration && aclGeneration == other.aclGeneration;
        }
    }

    private record Decided(SharedMailboxesConfiguration configuration, Optional<MemberSession> member) {
    }

    /** The member as a configuration declares her (the configuration's own record of her). */
    private record Configured(SharedMailboxesConfiguration configuration, Optional<Member> member) {
    }

    private volatile Decided member;
    private volatile Configured configured;
    private volatile Stamp stamp;
    private final Map<MailboxPath, Rights> rights = new ConcurrentHashMap<>();

    /** This mailbox session's decisions; commands of one IMAP session run one after the other. */
    static SessionDecisions of(MailboxSession session) {
        Object kept = session.getAttributes().get(KEY);
        if (kept instanceof SessionDecisions) {
            return (SessionDecisions) kept;
        }
        SessionDecisions decisions = new SessionDecisions();
        session.getAttributes().put(KEY, decisions);
        return decisions;
    }

    /** The member session decided under {@code configuration}; empty when none was, or under another one. */
    Optional<Optional<MemberSession>> member(SharedMailboxesConfiguration configuration) {
        Decided known = member;
        return known != null && known.configuration() == configuration ? Optional.of(known.member()) : Optional.empty();
    }

    void rememberMember(SharedMailboxesConfiguration configuration, Optional<MemberSession> decided) {
        member = new Decided(configuration, decided);
    }

    /** The member as {@code configuration} declares her, if it was asked already; empty when not, or under another one. */
    Optional<Optional<Member>> configuredMember(SharedMailboxesConfiguration configuration) {
        Configured known = configured;
        return known != null && known.configuration() == configuration ? Optional.of(known.member()) : Optional.empty();
    }

    void rememberConfiguredMember(SharedMailboxesConfiguration configuration, Optional<Member> declared) {
        configured = new Configured(configuration, declared);
    }

    /** Her rights on {@code folder} if decided under {@code now}. */
    Optional<Rights> rights(Stamp now, MailboxPath folder) {
        return now.same(stamp) ? Optional.ofNullable(rights.get(folder)) : Optional.empty();
    }

    /** Keeps rights read after {@code readAt} was taken; the rights kept under another stamp are dropped. */
    synchronized void rememberRights(Stamp readAt, MailboxPath folder, Rights held) {
        if (!readAt.same(stamp)) {
            rights.clear();
            stamp = readAt;
        }
        rights.put(folder, held);
    }
}
