package com.teaminbox.core.audit;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One line of an audit file as found on disk, starting {@code offset} bytes into it. {@code terminated}
 * is false for a last line without its line feed: a write cut short. {@code text} is empty when the
 * bytes are not UTF-8.
 */
record AuditLine(Path file, int number, long offset, Optional<String> text, boolean terminated) {
    AuditRecord parse() {
        return AuditRecord.parse(text.orElseThrow(() -> new MalformedAuditRecordException("not UTF-8")));
    }

    boolean parses() {
        try {
            parse();
            return true;
        } catch (MalformedAuditRecordException e) {
            return false;
        }
    }

    /** The record on this line, if it is complete and parses. */
    Optional<AuditRecord> record() {
        if (!terminated) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse());
        } catch (MalformedAuditRecordException e) {
            return Optional.empty();
        }
    }

    /** {@link #record()} with where its line starts. */
    Optional<LocatedRecord> located() {
        return record().map(record -> new LocatedRecord(record, file, offset));
    }

    String location() {
        return file + ":" + number;
    }
}
