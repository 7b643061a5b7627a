package com.teaminbox.james.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.reports.WeeklyDigest;

class WeeklyDigestScheduleTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final WeeklyDigest MONDAY_EIGHT = digest();

    private static WeeklyDigest digest() {
        try {
            return new WeeklyDigest(List.of(new MailAddress("alice@example.test")), DayOfWeek.MONDAY, LocalTime.of(8, 0), Optional.empty());
        } catch (AddressException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void lastSlotShouldBeTodayOnceTheTimeHasCome() {
        assertThat(WeeklyDigestSchedule.lastSlot(MONDAY_EIGHT, PARIS, Instant.parse("2026-11-09T07:00:00Z")).toInstant())
            .isEqualTo(Instant.parse("2026-11-09T07:00:00Z"));
    }

    @Test
    void lastSlotShouldBeTheWeekBeforeJustBeforeTheTime() {
        assertThat(WeeklyDigestSchedule.lastSlot(MONDAY_EIGHT, PARIS, Instant.parse("2026-11-09T06:59:59Z")).toInstant())
            .isEqualTo(Instant.parse("2026-11-02T07:00:00Z"));
    }

    @Test
    void lastSlotShouldBeThisWeeksMondayOnOtherDays() {
        assertThat(WeeklyDigestSchedule.lastSlot(MONDAY_EIGHT, PARIS, Instant.parse("2026-11-12T15:00:00Z")).toInstant())
            .isEqualTo(Instant.parse("2026-11-09T07:00:00Z"));
    }

    @Test
    void lastSlotShouldFollowSummerTime() {
        // 30 March 2026 is the first Monday of summer time in Paris: 08:00 is 06:00 UTC
        assertThat(WeeklyDigestSchedule.lastSlot(MONDAY_EIGHT, PARIS, Instant.parse("2026-03-30T06:30:00Z")).toInstant())
            .isEqualTo(Instant.parse("2026-03-30T06:00:00Z"));
    }
}
