package com.teaminbox.core.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.autoreply.BusinessHours;

/**
 * Counts time the way an SLA does: only while the calendar is open (days, hours, holidays of
 * {@link BusinessHours}, in its time zone, so a daylight-saving change moves nothing), and not
 * while the ticket waits on the customer ({@link Pause}). "4 business hours from Friday 17:30"
 * with Monday–Friday 09:00–18:00 is Monday 12:30.
 */
public final class BusinessTime {
    /** How far ahead we look for enough open time: a year of closures plus the budget itself. */
    static final int MAX_DAYS_AHEAD = 400;

    private final BusinessHours hours;

    public BusinessTime(BusinessHours hours) {
        this.hours = Objects.requireNonNull(hours, "hours");
    }

    /**
     * The instant at which {@code budget} of open, unpaused time has passed since {@code start};
     * empty while an open-ended pause stops the clock first, or when the calendar never opens.
     */
    public Optional<Instant> after(Instant start, Duration budget, List<Pause> pauses) {
        if (budget.isNegative()) {
            throw new IllegalArgumentException("a budget of business time cannot be negative: " + budget);
        }
        Instant stop = pauses.stream().filter(Pause::isOpen).map(Pause::from).min(Comparator.naturalOrder()).orElse(Instant.MAX);
        Duration left = budget;
        LocalDate date = start.atZone(hours.zone()).toLocalDate();
        long days = MAX_DAYS_AHEAD + budget.toDays() * 7;
        for (long day = 0; day <= days; day++, date = date.plusDays(1)) {
            Optional<BusinessHours.OpeningSpan> span = hours.hoursOn(date);
            if (span.isEmpty()) {
                continue;
            }
            Instant open = max(start, date.atTime(span.get().open()).atZone(hours.zone()).toInstant());
            Instant close = min(stop, closing(date, span.get()));
            if (!open.isBefore(stop)) {
                return left.isZero() ? Optional.of(stop) : Optional.empty();
            }
            for (Window window : unpaused(open, close, pauses)) {
                Duration length = Duration.between(window.from, window.to);
                if (left.compareTo(length) <= 0) {
                    return Optional.of(window.from.plus(left));
                }
                left = left.minus(length);
            }
        }
        return Optional.empty();
    }

    /** Open, unpaused time between two instants (zero when {@code end} is not after {@code start}). */
    public Duration between(Instant start, Instant end, List<Pause> pauses) {
        Duration total = Duration.ZERO;
        if (!end.isAfter(start)) {
            return total;
        }
        LocalDate last = end.atZone(hours.zone()).toLocalDate();
        for (LocalDate date = start.atZone(hours.zone()).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            Optional<BusinessHours.OpeningSpan> span = hours.hoursOn(date);
            if (span.isEmpty()) {
                continue;
            }
            Instant open = max(start, date.atTime(span.get().open()).atZone(hours.zone()).toInstant());
            Instant close = min(end, closing(date, span.get()));
            for (Window window : unpaused(open, close, pauses)) {
                total = total.plus(Duration.between(window.from, window.to));
            }
        }
        return total;
    }

    /** {@code LocalTime.MAX} stands for midnight: the always-open calendar closes at the next day's start. */
    private Instant closing(LocalDate date, BusinessHours.OpeningSpan span) {
        return span.close().equals(LocalTime.MAX)
            ? date.plusDays(1).atStartOfDay(hours.zone()).toInstant()
            : date.atTime(span.close()).atZone(hours.zone()).toInstant();
    }

    /** [from, to) minus every pause, in order. */
    private static List<Window> unpaused(Instant from, Instant to, List<Pause> pauses) {
        List<Window> windows = new ArrayList<>();
        if (!from.isBefore(to)) {
            return windows;
        }
        windows.add(new Window(from, to));
        for (Pause pause : pauses) {
            Instant pauseEnd = pause.to().orElse(Instant.MAX);
            List<Window> next = new ArrayList<>();
            for (Window window : windows) {
                if (!pause.from().isBefore(window.to) || !pauseEnd.isAfter(window.from)) {
                    next.add(window);
                    continue;
                }
                if (window.from.isBefore(pause.from())) {
                    next.add(new Window(window.from, pause.from()));
                }
                if (pauseEnd.isBefore(window.to)) {
                    next.add(new Window(pauseEnd, window.to));
                }
            }
            windows = next;
        }
        windows.sort(Comparator.comparing(Window::from));
        return windows;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Window(Instant from, Instant to) {
    }
}
