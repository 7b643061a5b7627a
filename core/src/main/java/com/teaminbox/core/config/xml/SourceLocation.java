package com.teaminbox.core.config.xml;

import java.util.Objects;

/**
 * Where a configuration element was written: the file, the line (and, for what the schema
 * found, the column) and the element name. Every configuration error carries one, so an
 * administrator can go straight to the mistake.
 */
public final class SourceLocation {
    private final String file;
    private final int line;
    private final int column;
    private final String element;

    public static SourceLocation of(String file, int line, String element) {
        return new SourceLocation(file, line, 0, element);
    }

    /** A place found by the schema validation, which knows the column too; 0 means unknown. */
    public static SourceLocation of(String file, int line, int column, String element) {
        return new SourceLocation(file, line, column, element);
    }

    private SourceLocation(String file, int line, int column, String element) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.column = column;
        this.element = Objects.requireNonNull(element, "element");
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The column, when known (schema problems); 0 otherwise. */
    public int column() {
        return column;
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
        return line == that.line && column == that.column && file.equals(that.file) && element.equals(that.element);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, line, column, element);
    }

    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": <" + element + ">";
    }
}
