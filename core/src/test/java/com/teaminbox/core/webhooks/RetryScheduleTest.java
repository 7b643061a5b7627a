package com.teaminbox.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private static final Instant START = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void delaysShouldGrowFourfoldUpToTheMaximum() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;

        assertThat(schedule.delay(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.delay(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(schedule.delay(3)).isEqualTo(Duration.ofSeconds(80));
        assertThat(schedule.delay(9)).isEqualTo(Duration.ofHours(12));
        assertThat(schedule.delay(40)).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theDefaultScheduleShouldTryForAboutThreeDaysThenGiveUp() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;
        Instant now = START;
        int attempts = 1;
        Optional<Instant> next = schedule.next(attempts, START, now, Optional.empty(), () -> 0.5);
        while (next.isPresent()) {
            now = next.get();
            attempts++;
            next = schedule.next(attempts, START, now, Optional.empty(), () -> 0.5);
        }

        assertThat(Duration.between(START, now)).isBetween(Duration.ofHours(60), Duration.ofHours(72));
        assertThat(attempts).isBetween(12, 16);
    }

    @Test
    void jitterShouldStayWithinTwentyPercent() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;

        assertThat(schedule.next(2, START, START, Optional.empty(), () -> 0.0)).hasValue(START.plusSeconds(16));
        assertThat(schedule.next(2, START, START, Optional.empty(), () -> 0.999_999)).hasValueSatisfying(
            next -> assertThat(next).isBetween(START.plusMillis(23_999), START.plusSeconds(24)));
    }

    @Test
    void retryAfterShouldBeHonouredWhenLongerUpToTheMaximum() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72));

        assertThat(schedule.next(1, START, START, Optional.of(Duration.ofMinutes(10)), () -> 0.5)).hasValue(START.plus(Duration.ofMinutes(10)));
        assertThat(schedule.next(1, START, START, Optional.of(Duration.ofDays(2)), () -> 0.5)).hasValue(START.plus(Duration.ofHours(1)));
        assertThat(schedule.next(1, START, START, Optional.of(Duration.ofSeconds(1)), () -> 0.5)).hasValue(START.plusSeconds(5));
    }

    @Test
    void aDeliveryShouldGiveUpOnceTheWindowIsOver() {
        RetrySchedule schedule = RetrySchedule.DEFAULT;

        assertThat(schedule.next(20, START, START.plus(Duration.ofHours(71)), Optional.empty(), () -> 0.5)).isEmpty();
    }
}
