package com.teaminbox.it;

import static com.teaminbox.it.RetentionFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.james.retention.RetentionSchedule;

/**
 * The schedule submits a run through the TaskManager once the mailbox's interval has passed. The
 * test starts the server's one retention schedule itself, so that "nothing ran" is asserted after
 * checks that read the clock, not after a pause.
 */
class RetentionScheduleIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MovableClock clock = new MovableClock(RetentionFixture.NOW);

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> {
        RetentionFixture.configure(home, RetentionFixture.EXTRA_POLICIES);
        ExtensionStartablesProbe.withoutStartable(home, RetentionSchedule.class);
    }, List.of(RetentionFixture.clock(clock)), ExtensionStartablesProbe.MODULE);

    private RetentionSchedule schedule;

    @BeforeAll
    static void checkOftenInsteadOfEveryMinute() {
        System.setProperty(RetentionSchedule.TICK_PROPERTY, "200");
    }

    @AfterAll
    static void restoreTheMinute() {
        System.clearProperty(RetentionSchedule.TICK_PROPERTY);
    }

    @BeforeEach
    void appendOldMessages() throws Exception {
        CapturedAudit.clear();
        RetentionFixture.appendMessages(server);
        schedule = server.probe(ExtensionStartablesProbe.class).started(RetentionSchedule.class);
    }

    @AfterEach
    void stopTheSchedule() {
        schedule.stop();
    }

    @Test
    void scheduleShouldRunRetentionOnceTheIntervalHasPassedAndShowItUnderTasks() throws Exception {
        // Two more checks: the first may have begun before the messages were there, the second began after.
        long completed = schedule.completedChecks();
        TeamInboxServer.awaitUntil(() -> schedule.completedChecks() >= completed + 2, "two more retention checks");
        assertThat(RetentionFixture.ids(server, ALICE, "Junk")).as("nothing before a day has passed").hasSize(5);

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        TeamInboxServer.awaitUntil(() -> CapturedAudit.events(AuditEventType.RETENTION_RUN).stream()
            .anyMatch(run -> run.decision().equals("completed")), "a scheduled retention run");
        assertThat(RetentionFixture.ids(server, ALICE, "Junk")).containsExactly("j2", "j3", "j4", "j5");
        assertThat(CapturedAudit.events(AuditEventType.RETENTION_DELETED)).isNotEmpty()
            .allSatisfy(event -> assertThat(event.actor()).isEqualTo(AuditActor.system()));
        JsonNode tasks = JSON.readTree(RetentionFixture.get(server, "/tasks?type=teaminbox-retention").body());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("additionalInformation").get("trigger").asText()).isEqualTo("system");
    }
}
