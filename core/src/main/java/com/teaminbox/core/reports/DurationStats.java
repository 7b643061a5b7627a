package com.teaminbox.core.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The count, median and 90th percentile of some durations, by the nearest-rank method: the
 * p-th percentile of n sorted values is the value at rank ceil(p/100 x n), so it is always one of
 * the measured values (the median of 1h and 3h is 1h, not 2h). Empty when nothing was measured.
 */
public record DurationStats(int count, Optional<Duration> median, Optional<Duration> p90) {
    public static final DurationStats NONE = new DurationStats(0, Optional.empty(), Optional.empty());

    public static DurationStats of(Collection<Duration> durations) {
        if (durations.isEmpty()) {
            return NONE;
        }
        List<Duration> sorted = new ArrayList<>(durations);
        sorted.sort(null);
        return new DurationStats(sorted.size(), Optional.of(percentile(sorted, 50)), Optional.of(percentile(sorted, 90)));
    }

    static Duration percentile(List<Duration> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
