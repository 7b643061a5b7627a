package com.teaminbox.core.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: the first retry after {@code firstRetry}, each next one
 * four times later, never more than {@code maxRetry} apart, each delay drawn from 80 % to 120 % of
 * its value (jitter, so that the deliveries of one outage do not all come back at the same
 * second), until {@code giveUpAfter} has passed since the first try. The defaults
 * (5 s, 12 h, 72 h) give about fifteen tries over three days.
 *
 * <p>A {@code Retry-After} the receiver sent (429, 503) is honoured when it asks for more than the
 * schedule, up to {@code maxRetry}.
 */
public record RetrySchedule(Duration firstRetry, Duration maxRetry, Duration giveUpAfter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(12), Duration.ofHours(72));
    private static final int GROWTH = 4;
    private static final double JITTER = 0.2;

    public RetrySchedule {
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0 || giveUpAfter.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("first-retry must be positive, max-retry and give-up-after at least first-retry: "
                + firstRetry + ", " + maxRetry + ", " + giveUpAfter);
        }
    }

    /**
     * @param failedAttempts tries made so far, all failed (1 after the first)
     * @param firstTry       when the first try was made
     * @param retryAfter     what the receiver asked for, if anything
     * @param random         a number in [0, 1): the jitter
     * @return when to try again; empty when the delivery gives up
     */
    public Optional<Instant> next(int failedAttempts, Instant firstTry, Instant now, Optional<Duration> retryAfter, DoubleSupplier random) {
        Duration scheduled = delay(failedAttempts);
        long jittered = (long) (scheduled.toMillis() * (1 - JITTER + 2 * JITTER * random.getAsDouble()));
        Duration delay = Duration.ofMillis(Math.max(1, jittered));
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get().compareTo(maxRetry) > 0 ? maxRetry : retryAfter.get();
        }
        Instant next = now.plus(delay);
        if (next.isAfter(firstTry.plus(giveUpAfter))) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    /** The delay before try {@code failedAttempts + 1}, without jitter. */
    Duration delay(int failedAttempts) {
        Duration delay = firstRetry;
        for (int attempt = 1; attempt < failedAttempts && delay.compareTo(maxRetry) < 0; attempt++) {
            delay = delay.multipliedBy(GROWTH);
        }
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }
}
