package com.teaminbox.james.retention;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.apache.james.task.Task;
import org.apache.james.task.TaskId;
import org.apache.james.task.TaskManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.james.MovableClock;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

class RetentionScheduleTest {
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <retention every=\"12h\"><folder name=\"Junk\" delete-after=\"30d\"/></retention>\n"
        + "  </shared-mailbox>\n"
        + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\"/>\n"
        + "</shared-mailboxes>\n";

    private final SharedMailboxesConfigurationStore store = mock(SharedMailboxesConfigurationStore.class);
    private final TaskManager taskManager = mock(TaskManager.class);
    private final MovableClock clock = new MovableClock(Instant.parse("2026-06-15T12:00:00Z"));
    private final RetentionSchedule schedule = new RetentionSchedule(store,
        new RetentionTasks(mock(RetentionService.class), store), taskManager, clock);

    @BeforeEach
    void configure() {
        SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
        when(store.current()).thenReturn(configuration);
        when(taskManager.submit(any())).thenReturn(TaskId.generateTaskId());
    }

    @Test
    void firstRunShouldComeOneIntervalAfterStartNotAtStart() {
        schedule.check();
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        schedule.check();

        verify(taskManager, never()).submit(any());
    }

    @Test
    void mailboxWithPoliciesShouldBeSubmittedOncePerInterval() {
        schedule.check();
        clock.advance(Duration.ofHours(12));
        schedule.check();
        schedule.check();
        clock.advance(Duration.ofHours(12));
        schedule.check();

        verify(taskManager, times(2)).submit(any(Task.class));
    }

    @Test
    void unreadableConfigurationShouldNeverEscapeTheCheck() {
        when(store.current()).thenThrow(new IllegalStateException("disk gone"));

        assertThatCode(schedule::check).doesNotThrowAnyException();
    }

    @Test
    void refusedSubmissionShouldNeverEscapeTheCheck() {
        when(taskManager.submit(any())).thenThrow(new IllegalStateException("task manager stopped"));
        schedule.check();
        clock.advance(Duration.ofDays(1));

        assertThatCode(schedule::check).doesNotThrowAnyException();
    }
}
