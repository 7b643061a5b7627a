package com.teaminbox.james.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.Headers;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.vacation.memory.MemoryVacationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.autoreply.InMemoryNotificationRegistry;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.storage.SerialNotificationRegistry;

import reactor.core.publisher.Flux;

/**
 * Which ticket a reply finds from the Message-IDs it names, over James's memory registries. The
 * shared account's mailboxes are a mock that counts searches: a ticket remembered with its identifier is read by key, and the
 * account is searched only for identifiers remembered before their ticket was (before 2026-12-07).
 */
class MailboxConversationIndexTest {
    private static final SharedMailbox SUPPORT = ConfigurationFixture.sharedMailbox("support@example.test", "SUP");
    private static final SharedMailbox SUPPORT_RENAMED = ConfigurationFixture.sharedMailbox("support@example.test", "HELP");
    private static final TicketId SUP_42 = TicketId.of(TicketPrefix.of("SUP"), 42);
    private static final TicketId SUP_7 = TicketId.of(TicketPrefix.of("SUP"), 7);

    private final MailboxManager mailboxManager = mock(MailboxManager.class);
    private final MessageIdManager messageIdManager = mock(MessageIdManager.class);
    private final KnownMessageIds knownMessageIds = new KnownMessageIds(new SerialNotificationRegistry(new InMemoryNotificationRegistry()));
    private final MemoryVacationRepository vacations = new MemoryVacationRepository();
    private MailboxConversationIndex index;

    @BeforeEach
    void setUp() throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any())).thenReturn(Username.of("support@example.test"));
        when(mailboxManager.createSystemSession(any())).thenReturn(mock(MailboxSession.class));
        when(mailboxManager.search(any(), any(), anyLong())).thenReturn(Flux.empty());
        index = new MailboxConversationIndex(mailboxManager, messageIdManager, new SharedAccounts(users), knownMessageIds,
            new MessageTickets(vacations));
    }

    @Test
    void replyToATicketedMessageShouldFindItsTicketWithoutSearchingTheSharedAccount() {
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);

        assertThat(index.ticketOf(SUPPORT, List.of("<own-mail@customer.test>", "<answer-1@example.test>"))).contains(SUP_42);
        verifyNoInteractions(mailboxManager);
    }

    @Test
    void replyQuotingTheIdentifierWithACommentShouldFindItsTicket() {
        index.remember(SUPPORT, "<answer-1@example.test> (Alice's client)", SUP_42);

        assertThat(index.ticketOf(SUPPORT, List.of("<answer-1@example.test>"))).contains(SUP_42);
    }

    @Test
    void replyNamingOnlyUnknownMessagesShouldFindNoTicketWithoutSearching() {
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);

        assertThat(index.ticketOf(SUPPORT, List.of("<own-mail@customer.test>", "<other@customer.test>"))).isEmpty();
        verifyNoInteractions(mailboxManager);
    }

    /** The message itself is not read: a reply to an answer whose copy left Sent still joins the ticket, as its tag would. */
    @Test
    void ticketOfADeletedMessageShouldStillBeTheConversationsTicket() {
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);
        // the shared account holds no message at all: every search finds nothing

        assertThat(index.ticketOf(SUPPORT, List.of("<answer-1@example.test>"))).contains(SUP_42);
    }

    @Test
    void mostRelevantIdentifierShouldGiveTheTicket() {
        index.remember(SUPPORT, "<first@example.test>", SUP_7);
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);

        assertThat(index.ticketOf(SUPPORT, List.of("<answer-1@example.test>", "<first@example.test>"))).contains(SUP_42);
    }

    @Test
    void ticketsShouldBeRememberedPerSharedMailbox() {
        SharedMailbox sales = ConfigurationFixture.sharedMailbox("sales@example.test", "SUP");
        index.remember(sales, "<answer-1@example.test>", SUP_42);

        assertThat(index.ticketOf(SUPPORT, List.of("<answer-1@example.test>"))).isEmpty();
    }

    /** Remembered before 2026-12-07 (KnownMessageIds only, or its backfill): the account is searched, as it was then. */
    @Test
    void identifierRememberedWithoutItsTicketShouldBeSearchedFor() throws Exception {
        knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, SUPPORT, "<before-upgrade@example.test>");

        assertThat(index.ticketOf(SUPPORT, List.of("<before-upgrade@example.test>"))).isEmpty();
        verify(mailboxManager).search(any(), any(), anyLong());
    }

    /** The reply's order is kept: an identifier remembered without its ticket before one with it is searched for first. */
    @Test
    void identifierRememberedWithoutItsTicketBeforeOneWithItShouldBeSearchedForFirst() throws Exception {
        knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, SUPPORT, "<before-upgrade@example.test>");
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);
        accountHoldsAMessageTagged("SUP-7");

        assertThat(index.ticketOf(SUPPORT, List.of("<before-upgrade@example.test>", "<answer-1@example.test>"))).contains(SUP_7);
    }

    @Test
    void identifierRememberedWithoutItsTicketBeforeOneWithItShouldLeaveTheRememberedTicketWhenTheSearchFindsNothing() {
        knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, SUPPORT, "<before-upgrade@example.test>");
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);
        // the shared account holds no message at all: every search finds nothing

        assertThat(index.ticketOf(SUPPORT, List.of("<before-upgrade@example.test>", "<answer-1@example.test>"))).contains(SUP_42);
    }

    @Test
    void identifierRememberedWithoutItsTicketAfterOneWithItShouldNotBeSearchedFor() {
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);
        knownMessageIds.remember(KnownMessageIds.Fact.CARRIES_TICKET, SUPPORT, "<before-upgrade@example.test>");

        assertThat(index.ticketOf(SUPPORT, List.of("<answer-1@example.test>", "<before-upgrade@example.test>"))).contains(SUP_42);
        verifyNoInteractions(mailboxManager);
    }

    /**
     * Read as the X-Ticket header is read: with the prefix in force, a ticket under another prefix is
     * none. The message's header names the old prefix too, so searching the account could find no
     * ticket either: the identifier is not one remembered before its ticket was.
     */
    @Test
    void ticketRememberedUnderAnotherPrefixShouldBeNoneWithoutSearching() {
        index.remember(SUPPORT, "<answer-1@example.test>", SUP_42);

        assertThat(index.ticketOf(SUPPORT_RENAMED, List.of("<answer-1@example.test>"))).isEmpty();
        verifyNoInteractions(mailboxManager);
    }

    @Test
    void ticketRememberedUnderAnotherPrefixShouldLeaveTheNextIdentifierToGiveTheTicket() {
        index.remember(SUPPORT, "<older-answer@example.test>", SUP_7);
        index.remember(SUPPORT_RENAMED, "<answer-1@example.test>", TicketId.of(TicketPrefix.of("HELP"), 3));

        assertThat(index.ticketOf(SUPPORT_RENAMED, List.of("<older-answer@example.test>", "<answer-1@example.test>")))
            .contains(TicketId.of(TicketPrefix.of("HELP"), 3));
        verifyNoInteractions(mailboxManager);
    }

    /** The keys are stored cluster-wide (James's vacation repository): a key written before must still be found. */
    @Test
    void keysShouldKeepTheStoredFormat() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest("<abc@example.test>".getBytes(StandardCharsets.UTF_8)));

        assertThat(MessageTickets.key(SUPPORT, "<abc@example.test> (client)").getIdentifier())
            .isEqualTo("teaminbox-message-ticket:support@example.test:" + digest);
    }

    @Test
    void rememberedTicketShouldBeStoredAsTheHeaderWritesIt() {
        index.remember(SUPPORT, "<abc@example.test>", SUP_42);

        assertThat(vacations.retrieveVacation(MessageTickets.key(SUPPORT, "<abc@example.test>")).block().getSubject()).contains("SUP-42");
        assertThat(vacations.retrieveVacation(MessageTickets.key(SUPPORT, "<abc@example.test>")).block().isEnabled()).isFalse();
    }

    /** Every search of the shared account finds one message, whose X-Ticket header carries this value. */
    private void accountHoldsAMessageTagged(String ticketHeader) throws Exception {
        MessageId found = mock(MessageId.class);
        when(mailboxManager.search(any(), any(), anyLong())).thenReturn(Flux.just(found));
        Headers headers = mock(Headers.class);
        when(headers.headers()).thenAnswer(invocation -> List.of(new Header("X-Ticket", ticketHeader)).iterator());
        MessageResult message = mock(MessageResult.class);
        when(message.getHeaders()).thenReturn(headers);
        when(messageIdManager.getMessages(any(), any(), any())).thenReturn(List.of(message));
    }
}
