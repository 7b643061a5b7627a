package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicScheduleTest {
    private static final String TICK_PROPERTY = "teaminbox.test.periodic-schedule.tick-millis";
    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private final List<Instant> checkedAt = new CopyOnWriteArrayList<>();
    private final PeriodicSchedule failing = new FailingSchedule();

    @AfterEach
    void stop() {
        failing.stop();
        System.clearProperty(TICK_PROPERTY);
    }

    @Test
    void checkShouldAskWhatIsDueAtTheTimeOfTheClock() {
        new RecordingSchedule().check();

        assertThat(checkedAt).containsExactly(NOW);
    }

    @Test
    void checkShouldNeverLetAFailureEscape() {
        assertThatCode(failing::check).doesNotThrowAnyException();
    }

    @Test
    void aScheduleWhoseCheckFailsShouldKeepCheckingAtEveryTick() throws Exception {
        // A task that throws out of a ScheduledExecutorService is never run again: the schedule must catch.
        System.setProperty(TICK_PROPERTY, "5");
        failing.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (failing.completedChecks() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(failing.completedChecks()).isGreaterThanOrEqualTo(3);
    }

    private class RecordingSchedule extends PeriodicSchedule {
        RecordingSchedule() {
            super("Recording schedule", "test-recording-schedule", TICK_PROPERTY, Clock.fixed(NOW, ZoneOffset.UTC));
        }

        @Override
        protected void checkAt(Instant now) {
            checkedAt.add(now);
        }
    }

    private static class FailingSchedule extends PeriodicSchedule {
        FailingSchedule() {
            super("Failing schedule", "test-failing-schedule", TICK_PROPERTY, Clock.systemUTC());
        }

        @Override
        protected void checkAt(Instant now) {
            throw new IllegalStateException("configuration unreadable");
        }
    }
}
