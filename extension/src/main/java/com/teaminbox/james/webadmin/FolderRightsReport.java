package com.teaminbox.james.webadmin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.exception.UnsupportedRightException;
import org.apache.james.mailbox.model.MailboxACL;
import org.apache.james.mailbox.model.MailboxPath;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.mailbox.Role;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.SharedAccounts;

/**
 * For each folder of a shared mailbox, what its ACL in the mailbox layer grants each member,
 * beside what the member's role is configured to get: a reviewer sees where the two differ.
 */
public class FolderRightsReport {
    private final MailboxManager mailboxManager;
    private final SharedAccounts accounts;

    @Inject
    public FolderRightsReport(MailboxManager mailboxManager, SharedAccounts accounts) {
        this.mailboxManager = mailboxManager;
        this.accounts = accounts;
    }

    public List<Map<String, Object>> folders(SharedMailbox sharedMailbox) throws MailboxException {
        Username owner = accounts.username(sharedMailbox.address());
        MailboxSession session = mailboxManager.createSystemSession(owner);
        try {
            List<Map<String, Object>> folders = new ArrayList<>();
            for (FolderName folder : sharedMailbox.folders()) {
                folders.add(folder(sharedMailbox, folder, session));
            }
            return folders;
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    private Map<String, Object> folder(SharedMailbox sharedMailbox, FolderName folder, MailboxSession session) throws MailboxException {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", folder.path());
        Optional<MailboxACL> acl = acl(SharedAccounts.path(session, folder), session);
        view.put("exists", acl.isPresent());
        Map<String, String> entries = new LinkedHashMap<>();
        acl.ifPresent(present -> present.getEntries().forEach((key, rights) -> entries.put(key.serialize(), rights.serialize())));
        view.put("acl", entries);
        List<Map<String, Object>> members = new ArrayList<>();
        for (Member member : sharedMailbox.members()) {
            Map<String, Object> rights = new LinkedHashMap<>();
            rights.put("address", member.address().asString());
            Optional<Role> role = member.roleOn(folder);
            rights.put("role", role.map(Role::name).orElse("none"));
            String configured = role.map(Role::rights).orElse("");
            String granted = acl.map(present -> effectiveRights(present, accounts.username(member.address()))).orElse("");
            rights.put("configuredRights", configured);
            rights.put("aclRights", granted);
            rights.put("inSync", acl.isPresent() && sameRights(configured, granted));
            members.add(rights);
        }
        view.put("members", members);
        return view;
    }

    private Optional<MailboxACL> acl(MailboxPath path, MailboxSession session) throws MailboxException {
        try {
            return Optional.of(mailboxManager.listRights(path, session));
        } catch (MailboxNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Rights are a set (RFC 4314 section 2): James serialises them in its own order
     * ({@code aeiklprstwx}) whatever order the configuration wrote them in ({@code lrswipkxtea}).
     */
    static boolean sameRights(String configured, String granted) {
        return letters(configured).equals(letters(granted));
    }

    private static Set<Integer> letters(String rights) {
        return rights.chars().boxed().collect(Collectors.toSet());
    }

    /** The user's own entry, less what a negative entry for them takes away (RFC 4314 section 2). */
    private static String effectiveRights(MailboxACL acl, Username user) {
        MailboxACL.Rfc4314Rights granted = acl.getEntries().get(MailboxACL.EntryKey.createUserEntryKey(user));
        if (granted == null) {
            return "";
        }
        MailboxACL.Rfc4314Rights denied = acl.getEntries().get(MailboxACL.EntryKey.createUserEntryKey(user, true));
        try {
            return denied == null ? granted.serialize() : granted.except(denied).serialize();
        } catch (UnsupportedRightException e) {
            throw new IllegalStateException(e);
        }
    }
}
