package com.teaminbox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.audit.AuditVerifier;

/** The audit trail an in-process server wrote under {@code var/audit/} of its home. */
final class AuditRecords {
    private AuditRecords() {
    }

    static Path directory(TeamInboxServer server) {
        return server.home().root().resolve("var/audit");
    }

    /** Every record, in the order written (one node). */
    static List<AuditRecord> of(TeamInboxServer server) {
        return in(directory(server));
    }

    /** Every record of a trail kept elsewhere ({@code <audit directory="...">}). */
    static List<AuditRecord> in(Path directory) {
        return files(directory).stream()
            .flatMap(AuditRecords::lines)
            .filter(line -> !line.isBlank())
            .map(AuditRecord::parse)
            .sorted(Comparator.comparingLong(AuditRecord::seq))
            .collect(Collectors.toList());
    }

    static List<AuditRecord> of(TeamInboxServer server, AuditEventType... types) {
        return in(directory(server), types);
    }

    static List<AuditRecord> in(Path directory, AuditEventType... types) {
        List<AuditEventType> wanted = List.of(types);
        return in(directory).stream().filter(record -> wanted.contains(record.type())).collect(Collectors.toList());
    }

    /** The raw text of every file: to check what must never be written (passwords, bodies). */
    static String rawText(TeamInboxServer server) {
        return files(directory(server)).stream().flatMap(AuditRecords::lines).collect(Collectors.joining("\n"));
    }

    static boolean verifies(TeamInboxServer server) throws IOException {
        return new AuditVerifier().verify(List.of(directory(server))).intact();
    }

    private static List<Path> files(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
