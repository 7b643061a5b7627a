package com.teaminbox.core.retention;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.teaminbox.core.mailbox.FolderName;

/**
 * What happens to old messages of one folder:
 * <pre>{@code
 * <folder name="Junk" delete-after="30d"/>
 * <folder name="INBOX" move-after="90d" to="Archive/{year}/{month}" when-flag="\Answered"/>
 * }</pre>
 * {@code when-flag} names a system flag ({@code \Answered}, {@code \Seen}, {@code \Flagged},
 * {@code \Draft}) or a keyword ({@code $Done}); without it, every old enough message is concerned.
 */
public record RetentionPolicy(FolderName folder, Action action, RetentionPeriod after, Optional<ArchiveTarget> target,
                              Optional<String> whenFlag) {
    public enum Action {
        DELETE("delete-after"),
        MOVE("move-after");

        private final String attribute;

        Action(String attribute) {
            this.attribute = attribute;
        }

        public String attribute() {
            return attribute;
        }
    }

    public static RetentionPolicy delete(FolderName folder, RetentionPeriod after, Optional<String> whenFlag) {
        return new RetentionPolicy(folder, Action.DELETE, after, Optional.empty(), whenFlag);
    }

    public static RetentionPolicy move(FolderName folder, RetentionPeriod after, ArchiveTarget target, Optional<String> whenFlag) {
        return new RetentionPolicy(folder, Action.MOVE, after, Optional.of(target), whenFlag);
    }

    /** A target exactly for {@link Action#MOVE}: built by {@link #delete} and {@link #move}. */
    public RetentionPolicy {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(whenFlag, "whenFlag");
        if (target.isPresent() != (action == Action.MOVE)) {
            throw new IllegalArgumentException(action.attribute() + " " + (target.isPresent() ? "takes no target" : "needs a target"));
        }
        if (target.filter(ArchiveTarget::isFixed).map(fixed -> fixed.folderFor(Instant.EPOCH).equals(folder)).orElse(false)) {
            throw new IllegalArgumentException("target '" + target.get() + "' is the folder itself; move to another folder");
        }
    }

    /** Receipts name the policy the way the configuration wrote it: {@code INBOX move-after=90d to=Archive/{year}/{month} when-flag=\Answered}. */
    public String describe() {
        return folder + " " + action.attribute() + "=" + after
            + target.map(value -> " to=" + value).orElse("")
            + whenFlag.map(value -> " when-flag=" + value).orElse("");
    }

    @Override
    public String toString() {
        return describe();
    }
}
