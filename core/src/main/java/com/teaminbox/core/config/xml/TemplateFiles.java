package com.teaminbox.core.config.xml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where response templates referenced by the configuration are read: relative to the directory
 * of {@code shared-mailboxes.xml} (James's {@code conf/}). Paths may not be absolute nor climb
 * out of that directory, so a configuration cannot read arbitrary files of the server.
 */
@FunctionalInterface
public interface TemplateFiles {
    /** Bounds a template file: an acknowledgement is a short letter. */
    long MAX_BYTES = 64 * 1024;

    String read(String relativePath) throws IOException;

    static TemplateFiles relativeTo(Path directory) {
        return relativePath -> {
            Path base = directory.toAbsolutePath().normalize();
            Path file = base.resolve(relativePath).normalize();
            if (Path.of(relativePath).isAbsolute() || !file.startsWith(base)) {
                throw new IOException("must be a path inside " + base + ", relative to it");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IOException("is larger than " + MAX_BYTES + " bytes");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        };
    }
}
