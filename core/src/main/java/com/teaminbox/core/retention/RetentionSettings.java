package com.teaminbox.core.retention;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.mailbox.FolderName;

/**
 * A shared mailbox's {@code <retention>}: the folder policies, the legal holds, the minimum age
 * no policy can undercut and how often the schedule runs.
 * <pre>{@code
 * <retention minimum-age="7d" every="1d">
 *   <folder name="Junk" delete-after="30d"/>
 *   <folder name="INBOX" move-after="90d" to="Archive/{year}/{month}" when-flag="\Answered"/>
 *   <hold keyword="$Hold"/>
 * </retention>
 * }</pre>
 * Without {@code <retention>} nothing is ever deleted or moved ({@link #NONE}); Junk and Trash
 * have no implicit policy either: deletion is irreversible, so every policy is written down.
 */
public final class RetentionSettings {
    public static final RetentionPeriod DEFAULT_MINIMUM_AGE = RetentionPeriod.of("1d");
    public static final RetentionPeriod DEFAULT_EVERY = RetentionPeriod.of("1d");
    /** The schedule checks once a minute; a shorter interval would not be honoured. */
    public static final RetentionPeriod SHORTEST_EVERY = RetentionPeriod.of("1m");
    public static final RetentionSettings NONE = new RetentionSettings(DEFAULT_MINIMUM_AGE, DEFAULT_EVERY, List.of(), List.of());

    private final RetentionPeriod minimumAge;
    private final RetentionPeriod every;
    private final List<RetentionPolicy> policies;
    private final List<RetentionHold> holds;

    public RetentionSettings(RetentionPeriod minimumAge, RetentionPeriod every, List<RetentionPolicy> policies,
                             List<RetentionHold> holds) {
        this.minimumAge = Objects.requireNonNull(minimumAge, "minimumAge");
        this.every = Objects.requireNonNull(every, "every");
        this.policies = List.copyOf(policies);
        this.holds = List.copyOf(holds);
        policies.stream().filter(policy -> policy.after().compareTo(minimumAge) < 0).findFirst().ifPresent(policy -> {
            throw new IllegalArgumentException(policy.action().attribute() + " '" + policy.after()
                + "' is shorter than the minimum-age '" + minimumAge + "'");
        });
        if (every.compareTo(SHORTEST_EVERY) < 0) {
            throw new IllegalArgumentException("every '" + every + "' is shorter than " + SHORTEST_EVERY);
        }
    }

    public RetentionPeriod minimumAge() {
        return minimumAge;
    }

    public RetentionPeriod every() {
        return every;
    }

    public List<RetentionPolicy> policies() {
        return policies;
    }

    public List<RetentionHold> holds() {
        return holds;
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    public Optional<RetentionPolicy> policy(FolderName folder) {
        return policies.stream().filter(policy -> policy.folder().equals(folder)).findFirst();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetentionSettings)) {
            return false;
        }
        RetentionSettings that = (RetentionSettings) o;
        return minimumAge.equals(that.minimumAge) && every.equals(that.every) && policies.equals(that.policies)
            && holds.equals(that.holds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minimumAge, every, policies, holds);
    }

    @Override
    public String toString() {
        return "retention minimum-age=" + minimumAge + " every=" + every + " " + policies + " holds " + holds;
    }
}
