package com.teaminbox.core.config;

import java.util.Objects;

/**
 * Where a configuration element was written: the file, the line and the element name.
 * Every configuration error carries one, so an administrator can go straight to the mistake.
 */
public final class SourceLocation {
    private final String file;
    private final int line;
    private final String element;

    public static SourceLocation of(String file, int line, String element) {
        return new SourceLocation(file, line, element);
    }

    private SourceLocation(String file, int line, String element) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.element = Objects.requireNonNull(element, "element");
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String element() {
        return element;
    }

    /** The same place, described for another reason: used when a James-side check refuses an element. */
    public ConfigurationProblem problem(String reason) {
        return new ConfigurationProblem(this, reason);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SourceLocation)) {
            return false;
        }
        SourceLocation that = (SourceLocation) o;
        return line == that.line && file.equals(that.file) && element.equals(that.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, element);
    }

    @Override
    public String toString() {
        return file + ":" + line + ": <" + element + ">";
    }
}
