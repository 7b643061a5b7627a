package com.teaminbox.core.reports;

/** Durations measured twice: on the wall clock, and in the shared mailbox's business hours only. */
public record ResponseTimes(DurationStats wallClock, DurationStats businessHours) {
    public static final ResponseTimes NONE = new ResponseTimes(DurationStats.NONE, DurationStats.NONE);

    public int count() {
        return wallClock.count();
    }
}
