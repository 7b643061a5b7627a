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
public final class RetentionPolicy {
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

    private final FolderName folder;
    private final Action action;
    private final RetentionPeriod after;
    private final Optional<ArchiveTarget> target;
    private final Optional<String> whenFlag;

    public static RetentionPolicy delete(FolderName folder, RetentionPeriod after, Optional<String> whenFlag) {
        return new RetentionPolicy(folder, Action.DELETE, after, Optional.empty(), whenFlag);
    }

    public static RetentionPolicy move(FolderName folder, RetentionPeriod after, ArchiveTarget target, Optional<String> whenFlag) {
        if (target.isFixed() && target.folderFor(Instant.EPOCH).equals(folder)) {
            throw new IllegalArgumentException("target '" + target + "' is the folder itself; move to another folder");
        }
        return new RetentionPolicy(folder, Action.MOVE, after, Optional.of(target), whenFlag);
    }

    private RetentionPolicy(FolderName folder, Action action, RetentionPeriod after, Optional<ArchiveTarget> target,
                            Optional<String> whenFlag) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.action = Objects.requireNonNull(action, "action");
        this.after = Objects.requireNonNull(after, "after");
        this.target = Objects.requireNonNull(target, "target");
        this.whenFlag = Objects.requireNonNull(whenFlag, "whenFlag");
    }

    public FolderName folder() {
        return folder;
    }

    public Action action() {
        return action;
    }

    public RetentionPeriod after() {
        return after;
    }

    /** Present for {@link Action#MOVE} only. */
    public Optional<ArchiveTarget> target() {
        return target;
    }

    public Optional<String> whenFlag() {
        return whenFlag;
    }

    /** Receipts name the policy the way the configuration wrote it: {@code INBOX move-after=90d to=Archive/{year}/{month} when-flag=\Answered}. */
    public String describe() {
        return folder + " " + action.attribute() + "=" + after
            + target.map(value -> " to=" + value).orElse("")
            + whenFlag.map(value -> " when-flag=" + value).orElse("");
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RetentionPolicy)) {
            return false;
        }
        RetentionPolicy that = (RetentionPolicy) o;
        return folder.equals(that.folder) && action == that.action && after.equals(that.after)
            && target.equals(that.target) && whenFlag.equals(that.whenFlag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(folder, action, after, target, whenFlag);
    }

    @Override
    public String toString() {
        return describe();
    }
}
