package com.teaminbox.james.access;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;

import com.teaminbox.core.config.Member;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.SharedAccounts;

/**
 * The ACL every visible folder of a shared mailbox carries: one user entry per member whose role
 * has rights, with exactly the role's RFC 4314 letters, and nothing else. Stored in the mailbox
 * layer, it is what the IMAP processors read at every command of a member.
 */
public final class MemberAcl {
    private MemberAcl() {
    }

    public static MailboxACL of(SharedMailbox sharedMailbox, SharedAccounts accounts) {
        Map<MailboxACL.EntryKey, MailboxACL.Rfc4314Rights> entries = new LinkedHashMap<>();
        for (Member member : sharedMailbox.members()) {
            if (!member.role().rights().isEmpty()) {
                entries.put(MailboxACL.EntryKey.createUserEntryKey(accounts.username(member.address())),
                    rights(member.role().rights()));
            }
        }
        return new MailboxACL(entries);
    }

    private static MailboxACL.Rfc4314Rights rights(String letters) {
        try {
            return MailboxACL.Rfc4314Rights.deserialize(letters);
        } catch (UnsupportedRightException e) {
            throw new IllegalStateException("Role rights '" + letters + "' were validated as RFC 4314 letters", e);
        }
    }
}
