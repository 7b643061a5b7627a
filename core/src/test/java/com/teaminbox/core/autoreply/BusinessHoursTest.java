package com.teaminbox.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessHoursTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final BusinessHours OFFICE = office();

    /** Monday to Friday 09:00-18:00 Paris time, closed on Christmas day 2026 (a Friday). */
    private static BusinessHours office() {
        Map<DayOfWeek, BusinessHours.OpeningSpan> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : new DayOfWeek[] {DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY}) {
            week.put(day, new BusinessHours.OpeningSpan(LocalTime.of(9, 0), LocalTime.of(18, 0)));
        }
        return new BusinessHours(PARIS, week, Set.of(LocalDate.of(2026, 12, 25)));
    }

    private static Instant paris(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), PARIS).toInstant();
    }

    @ParameterizedTest(name = "{0} open: {1}")
    @CsvSource({
        "2026-11-27T08:59:59, false",
        "2026-11-27T09:00:00, true",
        "2026-11-27T17:59:59, true",
        "2026-11-27T18:00:00, false",
        "2026-11-28T11:00:00, false",
        "2026-12-25T11:00:00, false",
        "2026-12-24T11:00:00, true"})
    void openingShouldFollowLocalHoursAndHolidays(String local, boolean open) {
        assertThat(OFFICE.isOpen(paris(local))).isEqualTo(open);
    }

    @Test
    void timeZoneShouldDecideNotUtc() {
        // 08:30 UTC on a winter Monday is 09:30 in Paris.
        assertThat(OFFICE.isOpen(Instant.parse("2026-11-30T08:30:00Z"))).isTrue();
    }

    @ParameterizedTest(name = "after {0} opens {1}")
    @CsvSource({
        "2026-11-27T19:00:00, 2026-11-30T09:00",
        "2026-11-28T11:00:00, 2026-11-30T09:00",
        "2026-11-30T07:00:00, 2026-11-30T09:00",
        "2026-12-24T18:30:00, 2026-12-28T09:00",
        "2026-11-27T10:00:00, 2026-11-27T10:00"})
    void nextOpeningShouldSkipNightsWeekendsAndHolidays(String local, String expected) {
        assertThat(OFFICE.nextOpening(paris(local)).map(opening -> opening.toLocalDateTime().toString())).contains(expected);
    }

    @Test
    void mailboxWithoutHoursShouldNeverOpen() {
        BusinessHours closed = new BusinessHours(PARIS, Map.of(), Set.of());

        assertThat(closed.isOpen(paris("2026-11-27T10:00:00"))).isFalse();
        assertThat(closed.nextOpening(paris("2026-11-27T10:00:00"))).isEmpty();
    }

    @Test
    void alwaysOpenShouldBeOpenAtMidnight() {
        assertThat(BusinessHours.ALWAYS_OPEN.isOpen(Instant.parse("2026-11-28T00:00:00Z"))).isTrue();
    }

    @Test
    void spanClosingBeforeItOpensShouldBeRefused() {
        assertThatThrownBy(() -> new BusinessHours.OpeningSpan(LocalTime.of(18, 0), LocalTime.of(9, 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("opens at 18:00 but closes at 09:00; open must be before close");
    }
}
