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
     * The record on the file's first line, reading only that line: how a catch-up finds where
     * each file starts without reading old files whole. Empty when that line is not a record.
     */
    static Optional<AuditRecord> firstRecord(Path file) throws IOException {
        try (InputStream input = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int next;
            while ((next = input.read()) >= 0 && next != '\n') {
                line.write(next);
            }
            byte[] bytes = line.toByteArray();
            return new AuditLine(file, 1, decode(bytes, 0, bytes.length), next == '\n').record();
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
