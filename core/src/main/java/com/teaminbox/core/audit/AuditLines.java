package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Splits an audit file on line feeds only: a CR is content, and so a malformed line. */
final class AuditLines {
    private AuditLines() {
    }

    static List<AuditLine> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<AuditLine> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lines.add(new AuditLine(file, lines.size() + 1, decode(bytes, start, end), end < bytes.length));
            start = end + 1;
        }
        return lines;
    }

    /**
     * The file's first record, reading no further than the line it is on: how a catch-up finds
     * where each file starts without reading old files whole. Lines before it that are not
     * records (damaged) are skipped. Empty when the file holds no record.
     */
    static Optional<AuditRecord> firstRecord(Path file) throws IOException {
        try (InputStream input = new BufferedInputStream(Files.newInputStream(file))) {
            for (int number = 1; ; number++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int next;
                while ((next = input.read()) >= 0 && next != '\n') {
                    line.write(next);
                }
                byte[] bytes = line.toByteArray();
                Optional<AuditRecord> record = new AuditLine(file, number, decode(bytes, 0, bytes.length), next == '\n').record();
                if (record.isPresent() || next < 0) {
                    return record;
                }
            }
        }
    }

    private static Optional<String> decode(byte[] bytes, int start, int end) {
        try {
            return Optional.of(UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
