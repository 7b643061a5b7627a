package com.teaminbox.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.autoreply.BusinessHours;

class BusinessTimeTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** Monday to Friday 09:00-18:00 in Paris; Wednesday 9 December 2026 is a holiday. */
    static final BusinessHours OFFICE = office(Set.of(LocalDate.of(2026, 12, 9)));
    private final BusinessTime time = new BusinessTime(OFFICE);

    static BusinessHours office(Set<LocalDate> holidays) {
        Map<DayOfWeek, BusinessHours.OpeningSpan> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(day, new BusinessHours.OpeningSpan(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        return new BusinessHours(PARIS, week, holidays);
    }

    static Instant paris(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, PARIS).toInstant();
    }

    @Test
    void fourBusinessHoursFromFridayEveningShouldEndMondayLateMorning() {
        // Friday 4 December 17:30: half an hour on Friday, three and a half on Monday.
        assertThat(time.after(paris(12, 4, 17, 30), Duration.ofHours(4), List.of())).contains(paris(12, 7, 12, 30));
    }

    @Test
    void eightyPercentOfFourHoursFromFridayEveningShouldEndMondayMorning() {
        assertThat(time.after(paris(12, 4, 17, 30), Duration.ofMinutes(192), List.of())).contains(paris(12, 7, 11, 42));
    }

    @Test
    void aHolidayShouldNotCount() {
        // Tuesday 8 December 17:00 + 2h: one hour on Tuesday, Wednesday is a holiday, one hour on Thursday.
        assertThat(time.after(paris(12, 8, 17, 0), Duration.ofHours(2), List.of())).contains(paris(12, 10, 10, 0));
    }

    @Test
    void aStartDuringOpeningHoursShouldCountFromTheStart() {
        assertThat(time.after(paris(12, 7, 10, 15), Duration.ofMinutes(30), List.of())).contains(paris(12, 7, 10, 45));
    }

    @Test
    void aClosedPauseShouldPushTheDueTimeBack() {
        List<Pause> pauses = List.of(Pause.between(paris(12, 7, 10, 0), paris(12, 7, 11, 0)));
        assertThat(time.after(paris(12, 7, 9, 0), Duration.ofHours(2), pauses)).contains(paris(12, 7, 12, 0));
    }

    @Test
    void anOpenPauseShouldStopTheClock() {
        List<Pause> pauses = List.of(Pause.since(paris(12, 7, 10, 0)));
        assertThat(time.after(paris(12, 7, 9, 0), Duration.ofHours(2), pauses)).isEmpty();
        assertThat(time.after(paris(12, 7, 9, 0), Duration.ofMinutes(30), pauses)).contains(paris(12, 7, 9, 30));
    }

    @Test
    void aCalendarThatNeverOpensShouldNeverBeDue() {
        BusinessTime closed = new BusinessTime(new BusinessHours(PARIS, Map.of(), Set.of()));
        assertThat(closed.after(paris(12, 7, 9, 0), Duration.ofHours(1), List.of())).isEmpty();
    }

    @Test
    void betweenShouldCountOnlyOpenUnpausedTime() {
        List<Pause> pauses = List.of(Pause.between(paris(12, 7, 10, 0), paris(12, 7, 11, 0)));
        assertThat(time.between(paris(12, 4, 17, 30), paris(12, 7, 12, 30), pauses)).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void theAlwaysOpenCalendarShouldCountWallClockTime() {
        BusinessTime always = new BusinessTime(BusinessHours.ALWAYS_OPEN);
        assertThat(always.after(paris(12, 5, 23, 0), Duration.ofHours(3), List.of())).contains(paris(12, 6, 2, 0));
    }
}
