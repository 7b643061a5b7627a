package com.teaminbox.benchmarks.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A line of an SMTP or IMAP server's answer, read byte by byte so that what follows it (an IMAP literal) stays in the stream. */
final class ServerLines {
    private ServerLines() {
    }

    /** The next line without its CRLF; an {@link IOException} naming the {@code protocol} when the server closed the connection. */
    static String readLine(InputStream input, String protocol) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int current;
        while ((current = input.read()) != '\n') {
            if (current == -1) {
                throw new IOException(protocol + " connection closed");
            }
            if (current != '\r') {
                line.write(current);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
