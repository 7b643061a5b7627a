package com.teaminbox.james.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.mailbox.Role;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.SharedAccounts;

/**
 * The ACL every visible folder of a shared mailbox carries: one user entry per member whose role
 * has rights, with exactly the role's RFC 4314 letters, and nothing else. Stored in the mailbox
 * layer, it is what the IMAP processors read at every command of a member.
 */
public final class MemberAcl {
    private MemberAcl() {
    }

    /**
     * The members' entries for one folder: each member's role there (a per-folder role if the
     * configuration gives one). A folder the configuration does not know (one a member created)
     * gets the members' own roles.
     */
    public static MailboxACL of(SharedMailbox sharedMailbox, MailboxPath folder, SharedAccounts accounts) {
        Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> entries = new LinkedHashMap<>();
        for (Member member : sharedMailbox.members()) {
            roleOn(member, folder).map(Role::rights).filter(letters -> !letters.isEmpty()).ifPresent(letters ->
                entries.put(MailboxACL.EntryKey.createUserEntryKey(accounts.username(member.address())), rights(letters)));
        }
        return new MailboxACL(entries);
    }

    /** The member's role on a folder by its name: a per-folder role if the configuration gives one, else her role; empty: none. */
    public static Optional<Role> roleOn(Member member, MailboxPath folder) {
        return folderName(folder).map(member::roleOn).orElse(Optional.of(member.role()));
    }

    /** Our name of a James folder: levels joined by '/' (James's delimiter is '.'). */
    public static Optional<FolderName> folderName(MailboxPath folder) {
        try {
            return Optional.of(FolderName.of(folder.getName().replace(String.valueOf(MailboxConstants.DEFAULT_DELIMITER), "/")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static MailboxACL.Rfc4314Rights rights(String letters) {
        try {
            return MailboxACL.Rfc4314Rights.deserialize(letters);
        } catch (UnsupportedRightException e) {
            throw new IllegalStateException("Role rights '" + letters + "' were validated as RFC 4314 letters", e);
        }
    }
}
