package com.teaminbox.james.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxManager.MailboxSearchFetchType;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.facts.TicketFacts;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.ticket.MailboxTicketRegistry;

import reactor.core.publisher.Flux;

/** Which folders a customer's reply asks whether its ticket is resolved or pending. */
class TicketMessagesTest {
    private static final Username SUPPORT = Username.of("support@example.test");
    private static final Set<String> LIFECYCLE = Set.of(TicketFacts.RESOLVED_KEYWORD, TicketFacts.PENDING_KEYWORD);

    private final MailboxManager mailboxManager = mock(MailboxManager.class);
    private final MailboxSessionMapperFactory mappers = mock(MailboxSessionMapperFactory.class);
    private final MailboxMapper mailboxMapper = mock(MailboxMapper.class);
    private final SharedAccounts accounts = mock(SharedAccounts.class);
    private final KeywordCarriers carriers = mock(KeywordCarriers.class);
    private final MailboxSession session = mock(MailboxSession.class);
    private final SharedMailbox support = ConfigurationFixture.sharedMailbox("support@example.test", "SUP");
    private final TicketMessages messages = new TicketMessages(mailboxManager, mappers, accounts, carriers);

    @BeforeEach
    void setUp() throws Exception {
        when(accounts.username(new MailAddress("support@example.test"))).thenReturn(SUPPORT);
        when(mailboxManager.createSystemSession(SUPPORT)).thenReturn(session);
        when(session.getUser()).thenReturn(SUPPORT);
        when(session.getPathDelimiter()).thenReturn('.');
        when(mappers.getMailboxMapper(session)).thenReturn(mailboxMapper);
    }

    /**
     * James 3.8.1's {@code MailboxManager.search} hands its result to Reactor's parallel scheduler
     * (a thread woken, then the caller) and resolves every folder's rights: most of what the SLA
     * listener's thread spent per customer reply, and the parallel threads' work besides (issue 18).
     */
    @Test
    void aCustomersReplyShouldListTheFoldersFromTheMailboxMapperWithoutMailboxManagerSearch() throws Exception {
        Mailbox inbox = stored(MailboxPath.inbox(SUPPORT));
        Mailbox billing = stored(MailboxPath.forUser(SUPPORT, "Billing"));
        when(mailboxMapper.findMailboxWithPathLike(any(MailboxQuery.UserBound.class))).thenReturn(Flux.just(inbox, billing));
        when(carriers.knownWithoutCarriers(inbox.getMailboxId())).thenReturn(true);
        when(carriers.knownWithoutCarriers(billing.getMailboxId())).thenReturn(true);

        assertThat(messages.keywordsAmong(support, "SUP-1", LIFECYCLE)).isEmpty();

        verify(mailboxManager, never()).search(any(MailboxQuery.class), any(MailboxSearchFetchType.class), any(MailboxSession.class));
        verify(mailboxManager, never()).getMailbox(any(MailboxPath.class), any(MailboxSession.class));
        verify(mailboxManager).endProcessingRequest(session);
    }

    @Test
    void theAccountsOwnFoldersShouldBeAskedForTheWholeAccount() throws Exception {
        when(mailboxMapper.findMailboxWithPathLike(any(MailboxQuery.UserBound.class))).thenReturn(Flux.empty());

        messages.keywordsAmong(support, "SUP-1", LIFECYCLE);

        verify(mailboxMapper).findMailboxWithPathLike(eq(MailboxQuery.privateMailboxesBuilder(session).matchesAllMailboxNames().build()
            .asUserBound()));
    }

    @Test
    void theBookkeepingFoldersAndAnotherAccountsFoldersShouldNotBeAsked() throws Exception {
        Mailbox inbox = stored(MailboxPath.inbox(SUPPORT));
        Mailbox registry = stored(MailboxTicketRegistry.registryPath(session));
        Mailbox ledger = stored(SlaLedger.ledgerPath(session));
        // A mapper may answer more than the query names (a LIKE of SQL): James filters, so do we.
        Mailbox bobs = stored(MailboxPath.inbox(Username.of("bob@example.test")));
        when(mailboxMapper.findMailboxWithPathLike(any(MailboxQuery.UserBound.class))).thenReturn(Flux.just(inbox, registry, ledger, bobs));
        MessageManager inboxFolder = mock(MessageManager.class);
        when(mailboxManager.getMailbox(MailboxPath.inbox(SUPPORT), session)).thenReturn(inboxFolder);
        when(carriers.candidates(inboxFolder, session)).thenReturn(Optional.of(Set.of()));

        assertThat(messages.keywordsAmong(support, "SUP-1", LIFECYCLE)).isEmpty();

        verify(mailboxManager).getMailbox(MailboxPath.inbox(SUPPORT), session);
        verify(mailboxManager, never()).getMailbox(registry.generateAssociatedPath(), session);
        verify(mailboxManager, never()).getMailbox(ledger.generateAssociatedPath(), session);
        verify(mailboxManager, never()).getMailbox(bobs.generateAssociatedPath(), session);
        verify(inboxFolder, never()).search(any(SearchQuery.class), any(MailboxSession.class));
    }

    @Test
    void aFolderWithCarriersShouldBeSearchedAmongThemForTheTicketsKeywords() throws Exception {
        Mailbox archive = stored(MailboxPath.forUser(SUPPORT, "Archive"));
        when(mailboxMapper.findMailboxWithPathLike(any(MailboxQuery.UserBound.class))).thenReturn(Flux.just(archive));
        MessageManager archiveFolder = mock(MessageManager.class);
        when(mailboxManager.getMailbox(archive.generateAssociatedPath(), session)).thenReturn(archiveFolder);
        when(carriers.candidates(archiveFolder, session)).thenReturn(Optional.of(Set.of(MessageUid.of(7))));
        when(archiveFolder.search(any(SearchQuery.class), any(MailboxSession.class))).thenReturn(Flux.empty());

        assertThat(messages.keywordsAmong(support, "SUP-1", LIFECYCLE)).isEmpty();

        verify(archiveFolder).search(any(SearchQuery.class), eq(session));
    }

    private static Mailbox stored(MailboxPath path) {
        return new Mailbox(path, UidValidity.of(1), mock(MailboxId.class));
    }
}
