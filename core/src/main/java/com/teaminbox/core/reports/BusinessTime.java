package com.teaminbox.core.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

import com.teaminbox.core.autoreply.BusinessHours;

/**
 * How much of a span of time the shared mailbox was staffed, by its acknowledgement calendar
 * ({@link BusinessHours}): a customer who writes on Friday at 17:30 to a team open 09:00-18:00
 * Monday to Friday and is answered on Monday at 09:30 waited 1 business hour (30 minutes on
 * Friday, 30 on Monday). Each day's span is placed in the calendar's time zone, so a day with a
 * daylight-saving change counts the hours that day really had.
 */
public final class BusinessTime {
    /** Spans longer than this are cut: a report never needs more, and a corrupt record costs bounded time. */
    static final int MAX_DAYS = 3_660;

    private final BusinessHours hours;

    public BusinessTime(BusinessHours hours) {
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    /** The staffed time between {@code from} and {@code to}; zero when {@code to} is not after {@code from}. */
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        ZoneId zone = hours.zone();
        LocalDate day = from.atZone(zone).toLocalDate();
        LocalDate last = to.atZone(zone).toLocalDate();
        Duration total = Duration.ZERO;
        for (int count = 0; !day.isAfter(last) && count < MAX_DAYS; count++, day = day.plusDays(1)) {
            total = total.plus(openWithin(day, from, to));
        }
        return total;
    }

    private Duration openWithin(LocalDate day, Instant from, Instant to) {
        if (hours.isHoliday(day)) {
            return Duration.ZERO;
        }
        DayOfWeek weekday = day.getDayOfWeek();
        return hours.span(weekday).map(span -> {
            Instant open = day.atTime(span.open()).atZone(hours.zone()).toInstant();
            // LocalTime.MAX stands for "until midnight" in an always-open calendar.
            Instant close = span.close().equals(LocalTime.MAX)
                ? day.plusDays(1).atStartOfDay(hours.zone()).toInstant()
                : day.atTime(span.close()).atZone(hours.zone()).toInstant();
            Instant start = open.isAfter(from) ? open : from;
            Instant end = close.isBefore(to) ? close : to;
            return end.isAfter(start) ? Duration.between(start, end) : Duration.ZERO;
        }).orElse(Duration.ZERO);
    }
}
