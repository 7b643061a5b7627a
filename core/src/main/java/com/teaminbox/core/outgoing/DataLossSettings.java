package com.teaminbox.core.outgoing;

import java.util.List;
import java.util.Objects;

/**
 * A shared mailbox's {@code <data-loss>}: the detectors run over mail members send as it, whether
 * quoted text of the message answered is skipped, and where held mail waits.
 * <pre>{@code
 * <data-loss skip-quoted="true" hold-repository="file://var/mail/held/">
 *   <card-numbers action="refuse"/>
 *   <ibans action="hold"/>
 *   <pattern name="internal-host" action="flag" regex="[a-z0-9-]+\.corp\.example\.test"/>
 * </data-loss>
 * }</pre>
 */
public record DataLossSettings(List<DataLossDetector> detectors, boolean skipQuoted, String holdRepository) {
    public static final String DEFAULT_HOLD_REPOSITORY = "file://var/mail/held/";
    public static final DataLossSettings NONE = new DataLossSettings(List.of(), true, DEFAULT_HOLD_REPOSITORY);

    public DataLossSettings {
        detectors = List.copyOf(detectors);
        Objects.requireNonNull(holdRepository, "holdRepository");
    }

    public boolean isEnabled() {
        return !detectors.isEmpty();
    }
}
