package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicCheckTest {
    private static final String TICK_PROPERTY = "teaminbox.test.periodic-check.tick-millis";

    private PeriodicCheck periodicCheck;

    @AfterEach
    void stop() {
        periodicCheck.stop();
        System.clearProperty(TICK_PROPERTY);
    }

    @Test
    void completedChecksShouldCountEveryCheckThatRanToItsEnd() throws Exception {
        System.setProperty(TICK_PROPERTY, "5");
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch threeRuns = new CountDownLatch(3);
        periodicCheck = new PeriodicCheck("test-check", Duration.ofMinutes(1), TICK_PROPERTY, () -> {
            runs.incrementAndGet();
            threeRuns.countDown();
        });
        assertThat(periodicCheck.completedChecks()).isZero();

        periodicCheck.start();

        assertThat(threeRuns.await(30, TimeUnit.SECONDS)).isTrue();
        // At a fixed delay, a check begins once the one before it ended: the third began, so two were counted.
        assertThat(periodicCheck.completedChecks()).isGreaterThanOrEqualTo(2).isLessThanOrEqualTo(runs.get());
    }

    @Test
    void aCheckThatThrowsShouldStillBeCounted() throws Exception {
        System.setProperty(TICK_PROPERTY, "5");
        periodicCheck = new PeriodicCheck("test-check", Duration.ofMinutes(1), TICK_PROPERTY, () -> {
            throw new IllegalStateException("a check must not throw, but one that does is over");
        });

        periodicCheck.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (periodicCheck.completedChecks() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(periodicCheck.completedChecks()).isEqualTo(1);
    }
}
