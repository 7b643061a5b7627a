package com.teaminbox.core.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An age written the way administrators say it: {@code 30d}, {@code 12h}, {@code 2w},
 * {@code 15m}. A whole number and one unit (minutes, hours, days, weeks); nothing above
 * {@link #MAX_DAYS} days, nothing negative. Kept as written, so that messages and receipts
 * echo the administrator's own words.
 */
public final class RetentionPeriod implements Comparable<RetentionPeriod> {
    /** A hundred years: beyond that a value is a typo, not a policy. */
    public static final long MAX_DAYS = 36_500;
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})([mhdw])");

    private final String text;
    private final Duration duration;

    public static RetentionPeriod of(String text) {
        Objects.requireNonNull(text, "text");
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a period; write a whole number and a unit:"
                + " m (minutes), h (hours), d (days) or w (weeks), as in 30d");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration;
        switch (matcher.group(2)) {
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            case "h":
                duration = Duration.ofHours(amount);
                break;
            case "d":
                duration = Duration.ofDays(amount);
                break;
            default:
                duration = Duration.ofDays(amount * 7);
                break;
        }
        if (duration.compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is longer than " + MAX_DAYS + " days");
        }
        return new RetentionPeriod(text.strip(), duration);
    }

    private RetentionPeriod(String text, Duration duration) {
        this.text = text;
        this.duration = duration;
    }

    public Duration duration() {
        return duration;
    }

    @Override
    public int compareTo(RetentionPeriod other) {
        return duration.compareTo(other.duration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetentionPeriod && duration.equals(((RetentionPeriod) o).duration);
    }

    @Override
    public int hashCode() {
        return duration.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
