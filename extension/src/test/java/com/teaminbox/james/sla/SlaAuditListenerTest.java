package com.teaminbox.james.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anySet;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.james.ConfigurationFixture;

class SlaAuditListenerTest {
    private static final Instant AT = Instant.parse("2026-12-07T09:00:00Z");
    private static final String SLA = "<sla calendar=\"wall-clock\"><policy name=\"standard\" first-response=\"4h\"/></sla>";

    private final SlaLedger ledger = mock(SlaLedger.class);
    private final TicketMessages messages = mock(TicketMessages.class);
    private SlaAuditListener listener;

    @AfterEach
    void stop() {
        listener.stop();
    }

    @Test
    void theFactsOfABurstShouldBeWrittenAsOneMessage() throws Exception {
        listener = listener(SLA, Duration.ofMinutes(10), 3);

        opened("SUP-1");
        opened("SUP-2");
        opened("SUP-3");

        assertThat(written()).extracting(TicketFact::ticket).containsExactly("SUP-1", "SUP-2", "SUP-3");
    }

    @Test
    void aFactShouldBeWrittenWhenItsWaitEndsWithoutOthers() throws Exception {
        listener = listener(SLA, Duration.ofMillis(10), 100);

        opened("SUP-1");

        assertThat(written()).containsExactly(TicketFact.of("SUP-1", TicketFact.Kind.OPENED, AT, "jane@customer.test"));
    }

    @Test
    void stoppingShouldWriteTheFactsStillWaiting() throws Exception {
        listener = listener(SLA, Duration.ofMinutes(10), 100);
        opened("SUP-1");
        opened("SUP-2");

        listener.stop();

        assertThat(written()).extracting(TicketFact::ticket).containsExactly("SUP-1", "SUP-2");
    }

    @Test
    void aBurstOfRecordsShouldBeHandledInOneWakeUpOfTheListenersThread() throws Exception {
        // The fiftieth record fills a message and wakes the thread; the wait of a minute never ends within
        // the test, so no pause of a loaded machine between two records can split the burst.
        listener = listener(SLA, Duration.ofMinutes(1), 50);

        for (int ticket = 1; ticket <= 50; ticket++) {
            opened("SUP-" + ticket);
        }

        assertThat(written()).hasSize(50);
        assertThat(listener.drains()).isEqualTo(1);
    }

    @Test
    void factsWrittenWhenTheirWaitEndsShouldGiveTheListenersThreadNoSecondWakeUp() throws Exception {
        listener = listener(SLA, Duration.ofMillis(10), 100);

        opened("SUP-1");

        assertThat(written()).extracting(TicketFact::ticket).containsExactly("SUP-1");
        // The wait's own drain writes the fact as it ends; a write scheduled besides would wake the thread to find nothing.
        assertThat(listener.wakeUpsScheduled()).isEqualTo(1);
    }

    @Test
    void factsOfARecordHandledAtOnceShouldStillBeWrittenWhenTheirWaitEnds() throws Exception {
        listener = listener(SLA, Duration.ofMillis(10), 100);

        threadedFromCustomer("SUP-1");

        assertThat(written()).extracting(TicketFact::ticket).containsExactly("SUP-1");
    }

    @Test
    void aKeywordChangeShouldBeHandledAtOnceWhileItsMessageIsStillWhereTheStoreFoundIt() throws Exception {
        listener = listener(SLA, Duration.ofMinutes(10), 100);

        listener.recorded(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test")
            .decision("accepted")
            .detail("flags", "+$Resolved")
            .detail("folder", "INBOX")
            .detail("uids", "42")
            .build(), AT);

        // "Resolve and archive": the client's MOVE follows the STORE at once; a read ten minutes later finds nothing.
        verify(messages, timeout(30_000)).ticketsOf(any(SharedMailbox.class), eq("INBOX"), eq("42"));
    }

    @Test
    void aStoreThatLeavesBothKeywordsAloneShouldNotWakeTheListenersThread() throws Exception {
        listener = listener(SLA, Duration.ofMinutes(10), 100);

        listener.recorded(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test")
            .decision("accepted")
            .detail("flags", "+\\Deleted")
            .detail("folder", "INBOX")
            .detail("uids", "42:44")
            .build(), AT);
        listener.stop();

        assertThat(listener.drains()).as("only the one of stop()").isEqualTo(1);
        verifyNoInteractions(messages);
    }

    @Test
    void aCustomersReplyShouldBeHandledAtOnceBeforeARuleCanResolveIt() throws Exception {
        listener = listener(SLA, Duration.ofMinutes(10), 100);

        threadedFromCustomer("SUP-1");

        verify(messages, timeout(30_000)).keywordsAmong(any(SharedMailbox.class), eq("SUP-1"), anySet());
    }

    @Test
    void aRecordHandledAtOnceShouldNotCutShortTheGroupOfFactsAroundIt() throws Exception {
        listener = listener(SLA, Duration.ofMinutes(10), 3);

        opened("SUP-1");
        threadedFromCustomer("SUP-1");
        verify(messages, timeout(30_000)).keywordsAmong(any(SharedMailbox.class), eq("SUP-1"), anySet());
        threadedFromCustomer("SUP-2");

        assertThat(written()).extracting(TicketFact::ticket).containsExactly("SUP-1", "SUP-1", "SUP-2");
    }

    @Test
    void aRecordNamingTheSharedAddressInAnotherCaseShouldStillBeKept() throws Exception {
        listener = listener(SLA, Duration.ofMillis(10), 100);

        listener.recorded(AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system())
            .sharedMailbox("Support@Example.TEST")
            .ticket("SUP-1")
            .decision("created")
            .detail("sender", "jane@customer.test")
            .build(), AT);

        assertThat(written()).extracting(TicketFact::ticket).containsExactly("SUP-1");
    }

    @Test
    void aMailboxWithoutSlaShouldHaveNoLedger() throws Exception {
        listener = listener("", Duration.ofMillis(1), 1);
        opened("SUP-1");

        listener.stop();

        verify(ledger, never()).record(any(SharedMailbox.class), anyList());
    }

    private SlaAuditListener listener(String inside, Duration linger, int maxFacts) {
        ConfigurationInForce configuration = ConfigurationFixture.configuration(ConfigurationFixture.support("", inside));
        return new SlaAuditListener(configuration, ledger, messages, () -> mock(AuditTrail.class), linger, maxFacts);
    }

    private void opened(String ticket) {
        listener.recorded(AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system())
            .sharedMailbox("support@example.test")
            .ticket(ticket)
            .decision("created")
            .detail("sender", "jane@customer.test")
            .build(), AT);
    }

    private void threadedFromCustomer(String ticket) {
        listener.recorded(AuditEvent.of(AuditEventType.TICKET_THREADED, AuditActor.system())
            .sharedMailbox("support@example.test")
            .ticket(ticket)
            .decision("threaded")
            .detail("sender", "jane@customer.test")
            .build(), AT);
    }

    /** The facts of the one message written. */
    @SuppressWarnings("unchecked")
    private List<TicketFact> written() throws Exception {
        ArgumentCaptor<List<TicketFact>> facts = ArgumentCaptor.forClass(List.class);
        verify(ledger, timeout(30_000)).record(any(SharedMailbox.class), facts.capture());
        return facts.getValue();
    }
}
