package com.teaminbox.core.audit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A record and where its line starts: the file and the byte offset. What the search index keeps
 * of a record instead of the record itself: the files are the truth, and a search reads the few
 * lines it answers with from them.
 */
public record LocatedRecord(AuditRecord record, Path file, long offset) {
    public LocatedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(file, "file");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
    }
}
