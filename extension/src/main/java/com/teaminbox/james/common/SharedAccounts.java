package com.teaminbox.james.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxManager.MailboxSearchFetchType;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import com.teaminbox.core.mailbox.FolderName;

/**
 * Translates our addresses and folder names into James's usernames and mailbox paths, so that
 * virtual hosting and the mailbox layer's path delimiter are handled in one place.
 */
public class SharedAccounts {
    private final UsersRepository usersRepository;
    /**
     * Usernames James gave, by address. James's answer depends only on the address and on whether
     * virtual hosting is on, set at start: a pure function, the same on every node. The addresses
     * asked are the configuration's shared mailboxes and their members (each mail names them again,
     * as new objects: kept by equality, not identity), so the map stays small; past
     * {@value #MAX_KEPT} it is asked each time (issue 18).
     */
    private final Map<MailAddress, Username> usernames = new ConcurrentHashMap<>();
    static final int MAX_KEPT = 10_000;

    @Inject
    public SharedAccounts(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    public Username username(MailAddress address) {
        Username known = usernames.get(address);
        if (known != null) {
            return known;
        }
        try {
            Username username = usersRepository.getUsername(address);
            if (usernames.size() < MAX_KEPT) {
                usernames.put(address, username);
            }
            return username;
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("Cannot map " + address.asString() + " to a James username", e);
        }
    }

    public static MailboxPath path(MailboxSession session, FolderName folder) {
        String name = folder.levels().stream()
            .collect(Collectors.joining(String.valueOf(session.getPathDelimiter())));
        return MailboxPath.forUser(session.getUser(), name);
    }

    /**
     * Every folder the session's own account holds. Not {@code MailboxManager.list}: that also lists
     * other accounts' folders shared with this one by ACL, as members' folders are. Names only
     * ({@link MailboxSearchFetchType#Minimal}): the two-argument {@code search} also counts each
     * folder's messages and unseen ones, which the memory backend does by reading every message of
     * every folder, and a customer's every reply on a ticket lists the folders (issue 18).
     */
    public static List<MailboxPath> ownFolders(MailboxManager mailboxManager, MailboxSession session) {
        List<MailboxPath> paths = new ArrayList<>();
        for (MailboxMetaData metadata : ownFolderNames(mailboxManager, session)) {
            paths.add(metadata.getPath());
        }
        return paths;
    }

    private static List<MailboxMetaData> ownFolderNames(MailboxManager mailboxManager, MailboxSession session) {
        return mailboxManager.search(MailboxQuery.privateMailboxesBuilder(session).matchesAllMailboxNames().build(),
                MailboxSearchFetchType.Minimal, session)
            .collectList()
            .block();
    }
}
