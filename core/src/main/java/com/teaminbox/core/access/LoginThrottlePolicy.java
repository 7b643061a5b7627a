package com.teaminbox.core.access;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed member logins a member name and a remote address may have in one window before
 * further attempts are refused unchecked until the window ends, and how many names and addresses
 * one node keeps track of.
 *
 * @param failuresPerMember failures for one member name (whatever the address) that throttle it
 * @param failuresPerAddress failures from one remote address (whatever the names) that throttle it
 * @param window how long a window lasts from its first failure; also the period of the aggregated audit record
 * @param maxTrackedKeys names and addresses remembered at once; the oldest window goes first past it
 */
public record LoginThrottlePolicy(int failuresPerMember, int failuresPerAddress, Duration window, int maxTrackedKeys) {
    /**
     * Five guesses per member name and twenty per address every five minutes: a typing member is
     * never stopped, a guesser gets about 1,400 guesses a day per name instead of thousands a minute.
     */
    public static final LoginThrottlePolicy DEFAULT = new LoginThrottlePolicy(5, 20, Duration.ofMinutes(5), 10_000);

    public LoginThrottlePolicy {
        Objects.requireNonNull(window, "window");
        if (failuresPerMember < 1 || failuresPerAddress < 1) {
            throw new IllegalArgumentException("failure limits must be at least 1: " + failuresPerMember + ", " + failuresPerAddress);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        if (maxTrackedKeys < 1) {
            throw new IllegalArgumentException("maxTrackedKeys must be at least 1: " + maxTrackedKeys);
        }
    }
}
