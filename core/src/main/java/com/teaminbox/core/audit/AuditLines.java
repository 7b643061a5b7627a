package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
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
            lines.add(new AuditLine(file, lines.size() + 1, start, decode(bytes, start, end), end < bytes.length));
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
            long offset = 0;
            for (int number = 1; ; number++) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int next;
                while ((next = input.read()) >= 0 && next != '\n') {
                    line.write(next);
                }
                byte[] bytes = line.toByteArray();
                Optional<AuditRecord> record = new AuditLine(file, number, offset, decode(bytes, 0, bytes.length), next == '\n').record();
                if (record.isPresent() || next < 0) {
                    return record;
                }
                offset += bytes.length + 1;
            }
        }
    }

    /**
     * The line that starts {@code offset} bytes into the file, without its line feed: where the
     * search index says a record is. Read in blocks until the line feed.
     *
     * @throws IOException when there is no whole line there (the file was cut or replaced)
     */
    static String lineAt(RandomAccessFile file, long offset) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        byte[] block = new byte[4096];
        file.seek(offset);
        while (true) {
            int read = file.read(block);
            if (read < 0) {
                throw new IOException("no whole audit line at byte " + offset);
            }
            for (int index = 0; index < read; index++) {
                if (block[index] == '\n') {
                    line.write(block, 0, index);
                    return decode(line.toByteArray(), 0, line.size())
                        .orElseThrow(() -> new IOException("the audit line at byte " + offset + " is not UTF-8"));
                }
            }
            line.write(block, 0, read);
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
