package com.teaminbox.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a writer finds when it starts: the node's newest file, whether it may append to it, and
 * the last complete record to chain from. A file whose end is not a complete record (a write
 * cut short by a crash) is never appended to, so nothing valid ever follows a torn line.
 */
final class ChainTail {
    private final Optional<AuditFile> newest;
    private final boolean appendable;
    private final ChainPosition position;

    private ChainTail(Optional<AuditFile> newest, boolean appendable, ChainPosition position) {
        this.newest = newest;
        this.appendable = appendable;
        this.position = position;
    }

    static ChainTail read(Path directory, String node) throws IOException {
        List<AuditFile> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.flatMap(path -> AuditFile.of(path).stream())
                .filter(file -> file.node().equals(node))
                .sorted()
                .toList();
        }
        boolean appendable = true;
        for (int index = files.size() - 1; index >= 0; index--) {
            List<AuditLine> lines = AuditLines.read(directory.resolve(files.get(index).fileName()));
            for (int line = lines.size() - 1; line >= 0; line--) {
                Optional<AuditRecord> record = lines.get(line).record();
                if (record.isPresent()) {
                    return new ChainTail(files.stream().reduce((first, second) -> second), appendable, ChainPosition.after(record.get()));
                }
                appendable = false;
            }
        }
        return new ChainTail(files.stream().reduce((first, second) -> second), appendable, ChainPosition.GENESIS);
    }

    Optional<AuditFile> newest() {
        return newest;
    }

    /** False when the newest file ends with anything but a complete record. */
    boolean appendable() {
        return appendable;
    }

    ChainPosition position() {
        return position;
    }
}
