package com.teaminbox.core.autoreply;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a shared mailbox is staffed: a time zone, opening hours per day of the week (one span a
 * day, {@code open} inclusive, {@code close} exclusive) and holidays, which close the whole day.
 * <pre>{@code
 * <business-hours time-zone="Europe/Paris">
 *   <day name="monday" open="09:00" close="18:00"/>
 *   <holiday date="2026-12-25"/>
 * </business-hours>
 * }</pre>
 * Without any {@code <day>}, the mailbox is never open and every acknowledgement is out of hours;
 * {@link #ALWAYS_OPEN} is used when no business hours are configured.
 */
public final class BusinessHours {
    /** A year of holidays back to back is the longest closure we look across for the next opening. */
    static final int MAX_DAYS_TO_NEXT_OPENING = 400;
    public static final BusinessHours ALWAYS_OPEN = alwaysOpen();

    private final ZoneId zone;
    private final Map<DayOfWeek, OpeningSpan> week;
    private final Set<LocalDate> holidays;

    public BusinessHours(ZoneId zone, Map<DayOfWeek, OpeningSpan> week, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.week = week.isEmpty() ? Map.of() : new EnumMap<>(week);
        this.holidays = new TreeSet<>(holidays);
    }

    private static BusinessHours alwaysOpen() {
        Map<DayOfWeek, OpeningSpan> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            week.put(day, new OpeningSpan(LocalTime.MIN, LocalTime.MAX));
        }
        return new BusinessHours(ZoneId.of("UTC"), week, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isOpen(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return false;
        }
        OpeningSpan span = week.get(local.getDayOfWeek());
        return span != null && span.contains(local.toLocalTime());
    }

    /** The next time the mailbox opens after {@code instant}, or now if it is open; empty when it never opens. */
    public Optional<ZonedDateTime> nextOpening(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (isOpen(instant)) {
            return Optional.of(local);
        }
        LocalDate date = local.toLocalDate();
        for (int day = 0; day <= MAX_DAYS_TO_NEXT_OPENING; day++, date = date.plusDays(1)) {
            OpeningSpan span = week.get(date.getDayOfWeek());
            if (span == null || holidays.contains(date)) {
                continue;
            }
            ZonedDateTime opening = date.atTime(span.open()).atZone(zone);
            if (opening.toInstant().isAfter(instant)) {
                return Optional.of(opening);
            }
        }
        return Optional.empty();
    }

    /** The hours of {@code date} in this calendar's zone; empty on a holiday or a closed day. */
    public Optional<OpeningSpan> hoursOn(LocalDate date) {
        if (holidays.contains(date)) {
            return Optional.empty();
        }
        return Optional.ofNullable(week.get(date.getDayOfWeek()));
    }

    /** Whether any day of the week opens at all (a calendar without {@code <day>} never does). */
    public boolean opensAtAll() {
        return !week.isEmpty();
    }

    /** Whether {@code date} is a holiday (closed all day). */
    public boolean isHoliday(LocalDate date) {
        return holidays.contains(date);
    }

    /** The opening hours of {@code day}; empty when the mailbox is closed that day of the week. */
    public Optional<OpeningSpan> span(DayOfWeek day) {
        return Optional.ofNullable(week.get(day));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BusinessHours)) {
            return false;
        }
        BusinessHours that = (BusinessHours) o;
        return zone.equals(that.zone) && week.equals(that.week) && holidays.equals(that.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, week, holidays);
    }

    @Override
    public String toString() {
        return "BusinessHours[" + zone + " " + week + " holidays " + holidays + "]";
    }

    /** One day's hours: {@code open} inclusive, {@code close} exclusive, open before close. */
    public static final class OpeningSpan {
        private final LocalTime open;
        private final LocalTime close;

        public OpeningSpan(LocalTime open, LocalTime close) {
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("opens at " + open + " but closes at " + close + "; open must be before close");
            }
            this.open = open;
            this.close = close;
        }

        public LocalTime open() {
            return open;
        }

        public LocalTime close() {
            return close;
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(open) && time.isBefore(close);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OpeningSpan && open.equals(((OpeningSpan) o).open) && close.equals(((OpeningSpan) o).close);
        }

        @Override
        public int hashCode() {
            return Objects.hash(open, close);
        }

        @Override
        public String toString() {
            return open + "-" + close;
        }
    }
}
