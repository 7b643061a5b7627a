package com.teaminbox.core.reports;

import java.util.Objects;
import java.util.Optional;

/** A shared mailbox's {@code <reports>}: for now its weekly digest (docs/reports.md). */
public record ReportSettings(Optional<WeeklyDigest> weeklyDigest) {
    public static final ReportSettings NONE = new ReportSettings(Optional.empty());

    public ReportSettings {
        Objects.requireNonNull(weeklyDigest, "weeklyDigest");
    }
}
