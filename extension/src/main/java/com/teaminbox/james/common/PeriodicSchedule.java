package com.teaminbox.james.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.annotation.PreDestroy;

import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every schedule of ours (retention, SLA stages, weekly digest) does besides its own check:
 * a {@link PeriodicCheck} thread started as a James startable and stopped with James
 * ({@code @PreDestroy}, which James's Guice finds on this superclass), a check that never throws
 * (a scheduled task that throws is never run again), and the count of completed checks tests wait
 * for. A subclass says only what it checks, in {@link #checkAt(Instant)}, and names its thread and
 * tick property.
 */
public abstract class PeriodicSchedule implements UserDefinedStartable {
    /** How often a schedule checks in production; tests shorten it with the schedule's tick property. */
    public static final Duration TICK = Duration.ofMinutes(1);

    private final Logger logger = LoggerFactory.getLogger(getClass());
    private final String description;
    private final Clock clock;
    private final PeriodicCheck periodicCheck;

    /**
     * @param description  what the logs call this schedule, e.g. {@code "Retention schedule"}
     * @param threadName   the name of its daemon thread
     * @param tickProperty the system property (milliseconds) with which tests shorten the {@link #TICK}
     */
    protected PeriodicSchedule(String description, String threadName, String tickProperty, Clock clock) {
        this.description = description;
        this.clock = clock;
        this.periodicCheck = new PeriodicCheck(threadName, TICK, tickProperty, this::check);
    }

    @Override
    public void start() {
        long tick = periodicCheck.start();
        logger.info("{} started; checking every {} ms", description, tick);
    }

    @PreDestroy
    public void stop() {
        periodicCheck.stop();
    }

    /** How many checks this schedule completed: a test waits for more of them before asserting that nothing was due. */
    public long completedChecks() {
        return periodicCheck.completedChecks();
    }

    /** Does now what is due, as the thread does every tick; never throws, so that the thread lives on. */
    public final void check() {
        try {
            checkAt(clock.instant());
        } catch (Throwable e) {
            if (stopping()) {
                logger.debug("{} check interrupted by the stop", description);
                return;
            }
            logger.error("{} check failed; trying again at the next tick", description, e);
        }
    }

    /** Does what is due at {@code now}. May throw: {@link #check()} logs it and the next tick tries again. */
    protected abstract void checkAt(Instant now);

    /** Whether {@link #stop()} was called: a failure it caused (an interrupted check) is not one to report. */
    protected boolean stopping() {
        return periodicCheck.stopping();
    }
}
