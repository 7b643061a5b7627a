package com.teaminbox.core.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The days a report covers, {@code from} and {@code to} both included, each day counted in the
 * shared mailbox's time zone (the zone of its business hours) so that "Monday" is the team's Monday.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {
    /** A year and a day: longer periods cost memory per day and are better asked for in parts. */
    public static final int MAX_DAYS = 366;

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("the period from " + from + " to " + to + " has " + days
                + " days; at most " + MAX_DAYS + " are reported at once");
        }
    }

    /** The seven days that end with {@code lastDay}. */
    public static ReportPeriod weekEnding(LocalDate lastDay, ZoneId zone) {
        return new ReportPeriod(lastDay.minusDays(6), lastDay, zone);
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period (exclusive). */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }
}
