package com.teaminbox.james.common;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One daemon thread running a check at a fixed delay: what the schedules (retention, SLA stages,
 * weekly digest) share. The delay is a minute in production; tests shorten it with a system
 * property, in milliseconds. The check must not throw: a scheduled task that throws is never run
 * again.
 *
 * <p>It counts the checks it completed, so that a test asserting that nothing happened can wait
 * for checks that surely read its state instead of sleeping: a check under way when the test
 * moved its clock may have read the old time; the second one completed after that cannot have.
 */
public final class PeriodicCheck {
    private final String threadName;
    private final Duration tick;
    private final String tickProperty;
    private final Runnable check;
    private Optional<ScheduledExecutorService> executor = Optional.empty();
    private final AtomicLong completedChecks = new AtomicLong();
    private volatile boolean stopping;

    public PeriodicCheck(String threadName, Duration tick, String tickProperty, Runnable check) {
        this.threadName = threadName;
        this.tick = tick;
        this.tickProperty = tickProperty;
        this.check = check;
    }

    /**
     * Starts the thread, unless it runs already.
     *
     * @return the delay between two checks, in milliseconds (for the start-up log)
     */
    public synchronized long start() {
        long delay = Long.getLong(tickProperty, tick.toMillis());
        if (executor.isPresent()) {
            return delay;
        }
        stopping = false;
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::checkAndCount, delay, delay, TimeUnit.MILLISECONDS);
        executor = Optional.of(scheduler);
        return delay;
    }

    /** Stops the thread, interrupting a check under way. */
    public synchronized void stop() {
        stopping = true;
        executor.ifPresent(ScheduledExecutorService::shutdownNow);
        executor = Optional.empty();
    }

    /** How many checks ran to their end (or threw) since this object was made. */
    public long completedChecks() {
        return completedChecks.get();
    }

    private void checkAndCount() {
        try {
            check.run();
        } finally {
            completedChecks.incrementAndGet();
        }
    }

    /** Whether {@link #stop()} was called: a check it interrupted is not a failure to report. */
    public boolean stopping() {
        return stopping;
    }
}
