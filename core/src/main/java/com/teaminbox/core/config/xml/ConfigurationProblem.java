package com.teaminbox.core.config.xml;

import java.util.Objects;

/** One reason a configuration is refused, at one place in one file. */
public final class ConfigurationProblem {
    private final SourceLocation location;
    private final String reason;

    public ConfigurationProblem(SourceLocation location, String reason) {
        this.location = Objects.requireNonNull(location, "location");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public SourceLocation location() {
        return location;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return location + " " + reason;
    }
}
