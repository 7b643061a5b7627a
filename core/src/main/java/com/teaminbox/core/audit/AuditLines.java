package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
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
