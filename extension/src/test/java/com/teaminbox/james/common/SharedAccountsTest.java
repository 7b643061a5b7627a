package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxManager.MailboxSearchFetchType;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.user.api.UsersRepository;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Flux;

class SharedAccountsTest {
    private static final Username SUPPORT = Username.of("support@example.test");

    /**
     * Counters are a read of every message of every folder on the memory backend, and a customer's
     * every reply lists the folders: the list must ask for names only.
     */
    @Test
    void ownFoldersShouldAskForNamesWithoutCountingMessages() {
        MailboxSession session = mock(MailboxSession.class);
        when(session.getUser()).thenReturn(SUPPORT);
        when(session.getPathDelimiter()).thenReturn('.');
        MailboxManager mailboxManager = mock(MailboxManager.class);
        MailboxMetaData inbox = folder(MailboxPath.inbox(SUPPORT));
        MailboxMetaData billing = folder(MailboxPath.forUser(SUPPORT, "Billing"));
        when(mailboxManager.search(any(MailboxQuery.class), eq(MailboxSearchFetchType.Minimal), eq(session)))
            .thenReturn(Flux.just(inbox, billing));

        assertThat(SharedAccounts.ownFolders(mailboxManager, session))
            .containsExactly(MailboxPath.inbox(SUPPORT), MailboxPath.forUser(SUPPORT, "Billing"));
        verify(mailboxManager, never()).search(any(MailboxQuery.class), eq(MailboxSearchFetchType.Counters), any());
    }

    /** Each mail names its addresses again, as new objects: James is asked a username once per address, not per mail. */
    @Test
    void usernameOfTheSameAddressShouldBeAskedOfJamesOnce() throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        MailAddress support = new MailAddress("support@example.test");
        when(users.getUsername(support)).thenReturn(SUPPORT);
        SharedAccounts accounts = new SharedAccounts(users);

        assertThat(accounts.username(support)).isEqualTo(SUPPORT);
        assertThat(accounts.username(new MailAddress("support@example.test"))).isEqualTo(SUPPORT);

        verify(users, times(1)).getUsername(support);
    }

    @Test
    void usernameOfAnotherAddressShouldBeAskedOfJames() throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        MailAddress support = new MailAddress("support@example.test");
        MailAddress sales = new MailAddress("sales@example.test");
        when(users.getUsername(support)).thenReturn(SUPPORT);
        when(users.getUsername(sales)).thenReturn(Username.of("sales@example.test"));
        SharedAccounts accounts = new SharedAccounts(users);

        accounts.username(support);

        assertThat(accounts.username(sales)).isEqualTo(Username.of("sales@example.test"));
        assertThat(accounts.username(support)).isEqualTo(SUPPORT);
        verify(users, times(1)).getUsername(support);
    }

    private static MailboxMetaData folder(MailboxPath path) {
        MailboxMetaData metaData = mock(MailboxMetaData.class);
        when(metaData.getPath()).thenReturn(path);
        return metaData;
    }
}
