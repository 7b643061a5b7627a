package com.teaminbox.james.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.user.api.UsersRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.autoreply.InMemoryNotificationRegistry;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.storage.SerialNotificationRegistry;

/**
 * What the registry tells the acknowledgement ledger ({@link FreshTicketNumbers}): a number taken
 * from the counter is fresh, a ticket given again to a Message-ID that opened it is not. The
 * mailbox layer is a mock: the registry folder, its UID counter and the origins' annotations.
 */
class MailboxTicketRegistryTest {
    private static final SharedMailbox SUPPORT = ConfigurationFixture.sharedMailbox("support@example.test", "SUP");

    private final FreshTicketNumbers fresh = new FreshTicketNumbers();
    private final TicketOrigins origins = mock(TicketOrigins.class);
    private final AtomicLong counter = new AtomicLong();
    private MailboxTicketRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any())).thenReturn(Username.of("support@example.test"));
        MailboxSession session = mock(MailboxSession.class);
        when(session.getUser()).thenReturn(Username.of("support@example.test"));
        MailboxManager mailboxManager = mock(MailboxManager.class);
        when(mailboxManager.createSystemSession(any())).thenReturn(session);
        MessageManager folder = mock(MessageManager.class);
        when(folder.getId()).thenReturn(mock(MailboxId.class));
        when(mailboxManager.getMailbox(any(MailboxPath.class), any())).thenReturn(folder);
        UidProvider uids = mock(UidProvider.class);
        when(uids.nextUid(any(MailboxId.class))).thenAnswer(invocation -> MessageUid.of(counter.incrementAndGet()));
        MailboxSessionMapperFactory mappers = mock(MailboxSessionMapperFactory.class);
        when(mappers.getUidProvider()).thenReturn(uids);
        KnownMessageIds known = new KnownMessageIds(new SerialNotificationRegistry(new InMemoryNotificationRegistry()));
        registry = new MailboxTicketRegistry(mailboxManager, new SharedAccounts(users), known, mappers, origins, fresh);
    }

    @Test
    void aTicketOpenedWithANewNumberShouldBeFresh() {
        TicketId ticket = registry.open(SUPPORT, "Printer broken", Optional.of("<printer@customer.test>"));

        assertThat(fresh.takeFresh(SUPPORT.address(), ticket)).isTrue();
    }

    @Test
    void theTicketGivenAgainToItsMessageIdShouldNoLongerBeFresh() throws Exception {
        TicketId first = registry.open(SUPPORT, "Printer broken", Optional.of("<printer@customer.test>"));
        when(origins.ticketOf(any(), any(), eq("<printer@customer.test>"))).thenReturn(Optional.of(first.number()));

        TicketId again = registry.open(SUPPORT, "Printer broken", Optional.of("<printer@customer.test>"));

        assertThat(again).isEqualTo(first);
        assertThat(fresh.takeFresh(SUPPORT.address(), again)).as("its acknowledgement, if any, is in the ledger's store").isFalse();
        assertThat(counter).as("no second number").hasValue(1);
    }
}
