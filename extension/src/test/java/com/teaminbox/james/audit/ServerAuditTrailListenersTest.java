package com.teaminbox.james.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

class ServerAuditTrailListenersTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:15:00Z");
    private static final AuditEvent CREATED = AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system())
        .sharedMailbox("support@example.test").ticket("SUP-1").decision("created").build();

    private final List<AuditEvent> stored = new ArrayList<>();
    private final List<String> heard = new ArrayList<>();

    @Test
    void everyListenerShouldHearAnEventOnceItIsStored() {
        ServerAuditTrail trail = trail(stored::add, listener("first"), listener("second"));

        trail.record(CREATED);

        assertThat(stored).containsExactly(CREATED);
        assertThat(heard).containsExactlyInAnyOrder("first SUP-1 " + NOW, "second SUP-1 " + NOW);
    }

    @Test
    void aFailingListenerShouldNeitherFailTheActionNorSilenceTheOthers() {
        AuditListener failing = (event, at) -> {
            throw new IllegalStateException("receiver down");
        };
        ServerAuditTrail trail = trail(stored::add, failing, listener("second"));

        trail.record(CREATED);

        assertThat(heard).containsExactly("second SUP-1 " + NOW);
    }

    @Test
    void listenersShouldNotHearAnEventTheTrailCouldNotKeep() {
        ServerAuditTrail trail = trail(event -> {
            throw new AuditUnavailableException("disk full", new IOException("No space left on device"));
        }, listener("first"));

        // the default failure policy (defer) hands the failure to the caller, who refuses the action
        assertThatThrownBy(() -> trail.record(CREATED)).isInstanceOf(AuditUnavailableException.class);
        assertThat(heard).isEmpty();
    }

    @Test
    void theTrailShouldBeInAnOutageFromAFailedWriteUntilAWriteGetsThrough() {
        boolean[] diskFull = {false};
        ServerAuditTrail trail = trail(event -> {
            if (diskFull[0]) {
                throw new AuditUnavailableException("disk full", new IOException("No space left on device"));
            }
            stored.add(event);
        });
        assertThat(trail.inOutage()).isFalse();

        diskFull[0] = true;
        assertThatThrownBy(() -> trail.record(CREATED)).isInstanceOf(AuditUnavailableException.class);
        assertThat(trail.inOutage()).as("after a failed write").isTrue();

        diskFull[0] = false;
        trail.record(CREATED);
        assertThat(trail.inOutage()).as("once a record got through").isFalse();
    }

    @Test
    void aListenerShouldBeCalledOnlyForTheTypesItHears() {
        AuditListener createdOnly = new AuditListener() {
            @Override
            public void recorded(AuditEvent event, Instant at) {
                heard.add("created-only " + event.type().wireName());
            }

            @Override
            public Set<AuditEventType> heard() {
                return Set.of(AuditEventType.TICKET_CREATED);
            }
        };
        ServerAuditTrail trail = trail(stored::add, createdOnly);

        trail.record(CREATED);
        trail.record(AuditEvent.of(AuditEventType.MESSAGE_READ, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test").decision("accepted").build());

        assertThat(stored).hasSize(2);
        assertThat(heard).containsExactly("created-only ticket-created");
    }

    @Test
    void everyRecordShouldStillBeCountedPerTypeAndPerSharedMailboxWhenTheCountersAreKept() {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        ServerAuditTrail trail = trail(stored::add, metrics);

        trail.record(CREATED);
        trail.record(CREATED);
        trail.record(AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system())
            .sharedMailbox("sales@example.test").ticket("SAL-1").decision("created").build());

        assertThat(metrics.countFor("teaminbox.ticket-created")).isEqualTo(3);
        assertThat(metrics.countFor("teaminbox.ticket-created.support@example.test")).isEqualTo(2);
        assertThat(metrics.countFor("teaminbox.ticket-created.sales@example.test")).isEqualTo(1);
    }

    @Test
    void theWriteTimerShouldTimeTheFirstWriteAndThenOneInSixteenWhileEveryRecordIsCounted() {
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        ServerAuditTrail trail = trail(stored::add, metrics);

        trail.record(CREATED);
        assertThat(metrics.executionTimesFor(AuditMetrics.WRITE_TIMER)).hasSize(1);
        for (int more = 1; more < 40; more++) {
            trail.record(CREATED);
        }

        // writes 1, 17 and 33 of 40: a regular sample, so the timer's percentiles stay those of every write
        assertThat(metrics.executionTimesFor(AuditMetrics.WRITE_TIMER)).hasSize(3);
        assertThat(metrics.countFor("teaminbox.ticket-created")).isEqualTo(40);
        assertThat(stored).hasSize(40);
    }

    private AuditListener listener(String name) {
        return (event, at) -> heard.add(name + " " + event.ticket().orElse("-") + " " + at);
    }

    private ServerAuditTrail trail(AuditStorage storage, AuditListener... listeners) {
        return trail(storage, new RecordingMetricFactory(), listeners);
    }

    private ServerAuditTrail trail(AuditStorage storage, RecordingMetricFactory metrics, AuditListener... listeners) {
        SharedMailboxesConfigurationStore configuration = mock(SharedMailboxesConfigurationStore.class);
        when(configuration.inForce()).thenReturn(Optional.empty());
        return new ServerAuditTrail(storage, configuration, metrics, new AlertMails(FakeMailContext.defaultContext()),
            Clock.fixed(NOW, ZoneOffset.UTC), new LinkedHashSet<>(List.of(listeners)));
    }
}
