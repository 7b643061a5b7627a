package com.teaminbox.james.access;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Singleton;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;

/**
 * The ACLs of shared accounts' folders as members' IMAP commands last read them, so that
 * deciding a command costs no storage round trip. Everything that changes such an ACL on this
 * node (provisioning, a member's SETACL, DELETEACL, CREATE, RENAME, DELETE) calls
 * {@link #invalidate()}; the configuration in force is applied on top at every command, so a
 * removal or a downgrade never waits for the cache.
 */
@Singleton
public class FolderAclCache {
    /** Bounds memory: past it the cache starts again empty, which only costs reads. */
    static final int MAX_FOLDERS = 10_000;

    /** Reads one folder's ACL from the mailbox layer. */
    @FunctionalInterface
    public interface AclReader {
        MailboxACL read() throws MailboxException;
    }

    private final Map<MailboxPath, MailboxACL> acls = new ConcurrentHashMap<>();
    /** Written under this object's lock, read without it. */
    private volatile long generation;

    /** The folder's ACL, from the cache or read (then kept); a folder that does not exist is never kept. */
    public MailboxACL acl(MailboxPath folder, AclReader reader) throws MailboxException {
        MailboxACL cached = acls.get(folder);
        if (cached != null) {
            return cached;
        }
        long readAt = generation();
        MailboxACL read = reader.read();
        synchronized (this) {
            // an invalidation during the read may have made it stale: use it once, keep nothing
            if (generation == readAt) {
                if (acls.size() >= MAX_FOLDERS) {
                    acls.clear();
                }
                acls.put(folder, read);
            }
        }
        return read;
    }

    public Optional<MailboxACL> cached(MailboxPath folder) {
        return Optional.ofNullable(acls.get(folder));
    }

    /** Forgets every ACL: the next command of every member reads her folder's ACL again. */
    public synchronized void invalidate() {
        generation++;
        acls.clear();
    }

    /** Grows at every {@link #invalidate()}: what was decided from ACLs read before a change is stale once it moved. */
    public long generation() {
        return generation;
    }
}
