package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AlertWindowsTest {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private static final AlertRule MASS_EXPUNGE = new AlertRule("mass-expunge", AuditEventType.MESSAGES_EXPUNGED, 3,
        Duration.ofMinutes(10), true);
    private static final AlertRule REFUSED_LOGINS = new AlertRule("refused-logins", AuditEventType.LOGIN_REFUSED, 2,
        Duration.ofMinutes(5), false);

    private static AuditEvent event(AuditEventType type, String member) {
        return AuditEvent.of(type, AuditActor.member(member)).decision("accepted").build();
    }

    @Test
    void alertShouldBeRaisedWhenThresholdIsExceededWithinTheWindow() {
        AlertWindows windows = new AlertWindows(List.of(MASS_EXPUNGE));

        for (int i = 0; i < 3; i++) {
            assertThat(windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "alice@example.test"), T0.plusSeconds(i))).isEmpty();
        }
        List<Alert> alerts = windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "alice@example.test"), T0.plusSeconds(3));

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).count()).isEqualTo(4);
        assertThat(alerts.get(0).actor()).contains(AuditActor.member("alice@example.test"));
        assertThat(alerts.get(0).windowStart()).isEqualTo(T0);
        assertThat(alerts.get(0).summary()).contains("mass-expunge", "alice@example.test", "more than 3");
    }

    @Test
    void eventsOutsideTheWindowShouldNotCount() {
        AlertWindows windows = new AlertWindows(List.of(MASS_EXPUNGE));
        for (int i = 0; i < 3; i++) {
            windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "alice@example.test"), T0.plusSeconds(i));
        }

        assertThat(windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "alice@example.test"), T0.plus(Duration.ofMinutes(11))))
            .isEmpty();
    }

    @Test
    void perActorRuleShouldCountEachMemberApart() {
        AlertWindows windows = new AlertWindows(List.of(MASS_EXPUNGE));
        for (int i = 0; i < 3; i++) {
            windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "alice@example.test"), T0);
            windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "bob@example.test"), T0);
        }

        assertThat(windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "carol@example.test"), T0)).isEmpty();
    }

    @Test
    void globalRuleShouldCountEveryone() {
        AlertWindows windows = new AlertWindows(List.of(REFUSED_LOGINS));
        windows.observe(event(AuditEventType.LOGIN_REFUSED, "a@example.test"), T0);
        windows.observe(event(AuditEventType.LOGIN_REFUSED, "b@example.test"), T0);

        assertThat(windows.observe(event(AuditEventType.LOGIN_REFUSED, "c@example.test"), T0)).singleElement()
            .satisfies(alert -> assertThat(alert.actor()).isEmpty());
    }

    @Test
    void aBurstShouldRaiseOneAlertPerThresholdCrossedNotOnePerEvent() {
        AlertWindows windows = new AlertWindows(List.of(REFUSED_LOGINS));
        int alerts = 0;
        for (int i = 0; i < 9; i++) {
            alerts += windows.observe(event(AuditEventType.LOGIN_REFUSED, "x@example.test"), T0).size();
        }

        assertThat(alerts).isEqualTo(3);
    }

    @Test
    void otherEventTypesShouldBeIgnored() {
        AlertWindows windows = new AlertWindows(List.of(REFUSED_LOGINS));
        for (int i = 0; i < 10; i++) {
            assertThat(windows.observe(event(AuditEventType.LOGIN_ACCEPTED, "x@example.test"), T0)).isEmpty();
        }
    }

    @Test
    void manyDistinctActorsShouldNotGrowWithoutBound() {
        AlertWindows windows = new AlertWindows(List.of(MASS_EXPUNGE));
        for (int i = 0; i < AlertWindows.MAX_WINDOWS * 2; i++) {
            windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "user" + i + "@example.test"), T0.plusSeconds(i));
        }

        assertThat(windows.observe(event(AuditEventType.MESSAGES_EXPUNGED, "user0@example.test"), T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void anAggregatedRecordShouldCountForEachAttemptItStandsFor() {
        AlertWindows windows = new AlertWindows(List.of(REFUSED_LOGINS));
        AuditEvent aggregated = AuditEvent.of(AuditEventType.LOGIN_REFUSED, AuditActor.member("alice@example.test"))
            .decision("refused").detail(AuditEvent.ATTEMPTS, 40).build();

        assertThat(windows.observe(aggregated, T0)).singleElement().satisfies(alert -> assertThat(alert.count()).isEqualTo(3));
    }

    @Test
    void aRecordWithoutAttemptsShouldCountOnce() {
        assertThat(AuditEvent.of(AuditEventType.LOGIN_REFUSED, AuditActor.member("a@example.test")).decision("refused")
            .detail(AuditEvent.ATTEMPTS, "not a number").build().weight()).isEqualTo(1);
    }
}
