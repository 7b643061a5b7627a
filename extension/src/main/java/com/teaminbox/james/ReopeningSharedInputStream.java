package com.teaminbox.james;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.mail.internet.SharedInputStream;

/**
 * A {@link SharedInputStream} over content that can be opened again from its beginning (a spooled
 * mail): a sub-stream reopens the content and skips to its start instead of keeping a copy.
 *
 * <p>Why: javax.mail parses a message read from a plain stream by copying its whole content into a
 * byte array; from a {@code SharedInputStream} it only records where each part starts and ends, and
 * reads a part when asked. That is what lets the rules read the text of a mail with a 50 MB
 * attachment without holding the attachment in the heap.
 */
final class ReopeningSharedInputStream extends BufferedInputStream implements SharedInputStream {
    /** Opens the content from its first byte, every time it is called. */
    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    private static final long TO_THE_END = -1;

    private final Window window;

    ReopeningSharedInputStream(Opener opener) {
        this(new Window(opener, 0, TO_THE_END));
    }

    private ReopeningSharedInputStream(Window window) {
        super(window, 8_192);
        this.window = window;
    }

    /** Bytes handed to the reader so far, relative to this stream's start. */
    @Override
    public synchronized long getPosition() {
        return window.delivered - (count - pos);
    }

    @Override
    public InputStream newStream(long start, long end) {
        if (start < 0 || (end != TO_THE_END && end < start)) {
            throw new IllegalArgumentException("Invalid range " + start + ".." + end);
        }
        long absoluteEnd = end == TO_THE_END ? window.end : window.start + end;
        if (window.end != TO_THE_END && absoluteEnd != TO_THE_END) {
            absoluteEnd = Math.min(absoluteEnd, window.end);
        }
        return new ReopeningSharedInputStream(new Window(window.opener, window.start + start, absoluteEnd));
    }

    /** The bytes {@code [start, end)} of the content, opened on the first read. */
    private static final class Window extends InputStream {
        private final Opener opener;
        private final long start;
        private final long end;
        private InputStream content;
        private long delivered;

        private Window(Opener opener, long start, long end) {
            this.opener = opener;
            this.start = start;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            int allowed = end == TO_THE_END ? length : (int) Math.min(length, end - start - delivered);
            if (allowed <= 0) {
                return -1;
            }
            int read = opened().read(buffer, offset, allowed);
            if (read > 0) {
                delivered += read;
            }
            return read;
        }

        private InputStream opened() throws IOException {
            if (content == null) {
                content = opener.open();
                skipFully(content, start);
            }
            return content;
        }

        private static void skipFully(InputStream in, long bytes) throws IOException {
            long remaining = bytes;
            while (remaining > 0) {
                long skipped = in.skip(remaining);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        return;
                    }
                    skipped = 1;
                }
                remaining -= skipped;
            }
        }

        @Override
        public void close() throws IOException {
            if (content != null) {
                content.close();
            }
        }
    }
}
