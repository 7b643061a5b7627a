package com.teaminbox.core.audit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** The first record of a node's chain that does not verify, and how it broke. */
public final class ChainBreak {
    public enum Kind {
        /** Its hash does not match its content. */
        CHANGED,
        /** The seq jumps forward and the missing records are nowhere later. */
        REMOVED,
        /** The seq is out of order but the expected record appears later. */
        REORDERED,
        /** A seq already seen, or a prev that does not link to the record before it. */
        INSERTED,
        /** The end of a file is not a complete record: a write cut short. */
        TRUNCATED,
        /** A line in the middle of a file that is not a record. */
        MALFORMED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path file;
    private final int line;
    private final long seq;
    private final Kind kind;
    private final String explanation;

    ChainBreak(Path file, int line, long seq, Kind kind, String explanation) {
        this.file = Objects.requireNonNull(file, "file");
        this.line = line;
        this.seq = seq;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.explanation = Objects.requireNonNull(explanation, "explanation");
    }

    public Path file() {
        return file;
    }

    /** One-based line number within {@link #file()}. */
    public int line() {
        return line;
    }

    /** The seq the line claims, or the seq expected there when the line cannot be read. */
    public long seq() {
        return seq;
    }

    public Kind kind() {
        return kind;
    }

    public String explanation() {
        return explanation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChainBreak && toString().equals(o.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** {@code <file>:<line> seq <n>: <kind> — <explanation>}. */
    @Override
    public String toString() {
        return file + ":" + line + " seq " + seq + ": " + kind.wireName() + " \u2014 " + explanation;
    }
}
