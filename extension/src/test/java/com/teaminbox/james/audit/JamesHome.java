package com.teaminbox.james.audit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.apache.james.filesystem.api.FileSystem;

/** James's working directory in a test, against which the default {@code var/audit} is resolved. */
record JamesHome(Path home) implements FileSystem {
    @Override
    public InputStream getResource(String url) throws IOException {
        throw new IOException("not used: " + url);
    }

    @Override
    public File getFile(String fileURL) {
        return home.resolve(fileURL).toFile();
    }

    @Override
    public File getBasedir() {
        return home.toFile();
    }
}
