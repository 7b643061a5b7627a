package com.teaminbox.core.audit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of one file of a node's chain, {@code audit-<node>-<yyyy-MM-dd>-<nnnn>.jsonl}: the UTC
 * day of its first record and a counter within the day, so files sort in chain order.
 */
public final class AuditFile implements Comparable<AuditFile> {
    private static final Pattern NAME = Pattern.compile("audit-(.+)-(\\d{4}-\\d{2}-\\d{2})-(\\d{4,9})\\.jsonl");
    private static final Comparator<AuditFile> CHAIN_ORDER = Comparator.comparing(AuditFile::node)
        .thenComparing(AuditFile::day).thenComparingInt(AuditFile::number);

    private final String node;
    private final LocalDate day;
    private final int number;

    private AuditFile(String node, LocalDate day, int number) {
        this.node = NodeName.check(node);
        this.day = Objects.requireNonNull(day, "day");
        if (number < 1) {
            throw new IllegalArgumentException("File numbers start at 1: " + number);
        }
        this.number = number;
    }

    public static AuditFile first(String node, LocalDate day) {
        return new AuditFile(node, day, 1);
    }

    /** The file's name if it is one of ours, empty for anything else found in a directory. */
    public static Optional<AuditFile> fromName(String fileName) {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AuditFile(matcher.group(1), LocalDate.parse(matcher.group(2)), Integer.parseInt(matcher.group(3))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<AuditFile> of(Path path) {
        return Optional.ofNullable(path.getFileName()).flatMap(name -> fromName(name.toString()));
    }

    /** The file after this one for a record of {@code day}; a clock gone back stays on this day. */
    public AuditFile next(LocalDate day) {
        return day.isAfter(this.day) ? first(node, day) : new AuditFile(node, this.day, number + 1);
    }

    public String node() {
        return node;
    }

    public LocalDate day() {
        return day;
    }

    public int number() {
        return number;
    }

    public String fileName() {
        return String.format("audit-%s-%s-%04d.jsonl", node, day, number);
    }

    @Override
    public int compareTo(AuditFile other) {
        return CHAIN_ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditFile && compareTo((AuditFile) o) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, day, number);
    }

    @Override
    public String toString() {
        return fileName();
    }
}
