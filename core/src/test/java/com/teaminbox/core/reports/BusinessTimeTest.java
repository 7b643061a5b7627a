package com.teaminbox.core.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.autoreply.BusinessHours;

class BusinessTimeTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final BusinessTime weekdays = new BusinessTime(weekdays(Set.of(LocalDate.of(2026, 12, 25))));

    private static BusinessHours weekdays(Set<LocalDate> holidays) {
        Map<DayOfWeek, BusinessHours.OpeningSpan> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
                week.put(day, new BusinessHours.OpeningSpan(LocalTime.of(9, 0), LocalTime.of(18, 0)));
            }
        }
        return new BusinessHours(PARIS, week, holidays);
    }

    private static Instant paris(String local) {
        return java.time.LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    @Test
    void fridayEveningToMondayMorningShouldCountOnlyTheOpenHours() {
        assertThat(weekdays.between(paris("2026-11-27T17:30"), paris("2026-11-30T09:30"))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aHolidayShouldCountNothing() {
        assertThat(weekdays.between(paris("2026-12-24T17:00"), paris("2026-12-28T10:00"))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void aSpanInsideOneDayShouldBeItsLength() {
        assertThat(weekdays.between(paris("2026-11-30T10:15"), paris("2026-11-30T11:00"))).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void aSpanOutsideTheHoursShouldBeZero() {
        assertThat(weekdays.between(paris("2026-11-28T10:00"), paris("2026-11-29T20:00"))).isZero();
    }

    @Test
    void anEndBeforeTheStartShouldBeZero() {
        assertThat(weekdays.between(paris("2026-11-30T11:00"), paris("2026-11-30T10:00"))).isZero();
    }

    @Test
    void alwaysOpenShouldBeTheWallClock() {
        assertThat(new BusinessTime(BusinessHours.ALWAYS_OPEN).between(Instant.parse("2026-11-27T17:30:00Z"),
            Instant.parse("2026-11-30T09:30:00Z"))).isEqualTo(Duration.ofHours(64));
    }
}
