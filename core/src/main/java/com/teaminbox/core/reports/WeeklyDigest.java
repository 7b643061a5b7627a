package com.teaminbox.core.reports;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.core.MailAddress;

/**
 * When and to whom a shared mailbox's weekly review is mailed:
 * <pre>{@code
 * <reports><weekly-digest to="alice@example.test" day="monday" time="08:00"/></reports>
 * }</pre>
 * At {@code day} {@code time} in {@code timeZone} (by default the zone of the mailbox's business
 * hours, else UTC), covering the seven days before that day.
 */
public record WeeklyDigest(List<MailAddress> to, DayOfWeek day, LocalTime time, Optional<ZoneId> timeZone) {
    public WeeklyDigest {
        to = List.copyOf(to);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a weekly digest needs at least one recipient");
        }
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(timeZone, "timeZone");
    }
}
