package com.teaminbox.james.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;

import org.apache.james.server.core.BufferedDeferredFileOutputStream;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;

/**
 * The message handed to James's append: the bytes James would store, written out once.
 *
 * <p>Why (issue 18, docs/benchmarks.md, twelfth round {@code append13}): by delivery time every
 * spooled message has changed headers (James's own {@code RemoveMimeHeader} of {@code bcc}, the
 * {@code Return-Path} the delivery sets, {@code Delivered-To}; ours add the ticket's subject and
 * {@code X-Ticket}). James's {@code MailboxAppenderImpl} hands the mailbox a content whose size and
 * every stream are computed from the {@link MimeMessageWrapper} each time they are asked for: the
 * received bytes copied out of the spool's source, their headers parsed again by javax.mail
 * ({@code MailHeaders}) to be skipped, the current headers written out a byte at a time
 * ({@code InternetHeadersInputStream}). {@code StoreMessageManager} asks for the size once and for a
 * stream three times (its parse of the properties, the attachments' parse, the memory mapper's
 * copy): four times that work per append. Here it is done once, by that same James code
 * ({@code getMessageInputStream}), and James's append reads an unchanged wrapper over those bytes:
 * its size is their length, each stream a view of them. The bytes stored are the same, byte for byte.
 *
 * <p>When the spooled message's source is James's in-memory buffer and its headers were changed (every
 * mail by delivery time), its bytes are written here as {@code getMessageInputStream} writes them (the
 * current header lines, each ended by CR LF, one more CR LF after the last, as US-ASCII; then the
 * received body, past the received headers' end as javax.mail finds it) without that stream's two
 * detours: the source's copy of the whole message ({@code BufferedDeferredFileOutputStream.getData}
 * for every stream) and the received headers parsed into javax.mail objects only to be skipped
 * (issue 18, docs/benchmarks.md, fifteenth round {@code alloc16}: 57 KB allocated per 20 KB mail
 * before, 27 KB now, {@code AppendedMessageCostLoop}). The buffer's own {@code writeTo} hands its bytes
 * into the array; the body is then moved down over the received headers.
 *
 * <p>A message that is not such a wrapper, whose body was changed (its size would then be computed
 * apart from its bytes), that has no source, or whose body is bigger than the limit (the bytes are
 * held in the heap while James appends them) is handed to James as it is.
 */
public final class AppendedMessage {
    /** Room for the headers above the body's size, so that most messages are read into one array without growing it. */
    private static final int HEADER_ROOM = 4096;

    private AppendedMessage() {
    }

    /**
     * The message to hand James's append for {@code message} as it is now: a wrapper over its bytes
     * when {@code message} is a wrapper of James with its received body of at most {@code limit}
     * bytes, else {@code message} itself.
     *
     * @throws MessagingException when the message's bytes cannot be read (James's append would fail
     *         reading them too)
     */
    public static MimeMessage of(MimeMessage message, long limit) throws MessagingException {
        if (!(message instanceof MimeMessageWrapper wrapper) || wrapper.isBodyModified()) {
            return message;
        }
        // The received body's size, from the source's size and the received headers' (no read): -1 without a source.
        int bodySize = wrapper.getSize();
        if (bodySize < 0 || bodySize > limit) {
            return message;
        }
        if (wrapper.isModified()) {
            Optional<BufferedDeferredFileOutputStream> buffer = ReceivedBodyMessage.inMemoryBuffer(wrapper);
            if (buffer.isPresent()) {
                Optional<MimeMessage> written = fromMemory(wrapper, buffer.get());
                if (written.isPresent()) {
                    return written.get();
                }
            }
        }
        return throughJamesStream(wrapper, bodySize);
    }

    /**
     * The bytes of James's own stream of {@code wrapper} ({@code getMessageInputStream}), read into one
     * array: the way for any wrapper, and the only one before the fifteenth round ({@code alloc16}).
     */
    static MimeMessage throughJamesStream(MimeMessageWrapper wrapper, int bodySize) throws MessagingException {
        byte[] bytes = new byte[bodySize + HEADER_ROOM];
        int length = 0;
        try (InputStream in = wrapper.getMessageInputStream()) {
            while (true) {
                if (length == bytes.length) {
                    // headers longer than the room left (DKIM, ARC, long Received chains): grow by an eighth, not
                    // twice over, so that a body near the limit is not held in an array of twice its size
                    bytes = Arrays.copyOf(bytes, bytes.length + Math.max(HEADER_ROOM, bytes.length / 8));
                }
                int read = in.read(bytes, length, bytes.length - length);
                if (read < 0) {
                    break;
                }
                length += read;
            }
        } catch (IOException e) {
            throw new MessagingException("Unable to read the message to store", e);
        }
        return new MimeMessageWrapper(new Bytes(bytes, length, wrapper.getSourceId()));
    }

    /**
     * The bytes {@code getMessageInputStream} gives for a wrapper whose headers changed and whose body did
     * not, written from James's in-memory buffer; empty when that buffer cannot write them (not yet closed).
     */
    private static Optional<MimeMessage> fromMemory(MimeMessageWrapper wrapper, BufferedDeferredFileOutputStream buffer)
        throws MessagingException {
        // room enough for the current headers (a character is at most a byte in US-ASCII; a surrogate pair, one), then the received bytes
        int headersRoom = 2;
        for (Enumeration<String> lines = wrapper.getAllHeaderLines(); lines.hasMoreElements(); ) {
            headersRoom += lines.nextElement().length() + 2;
        }
        Filling out = new Filling(headersRoom + Math.toIntExact(buffer.getByteCount()));
        Enumeration<String> lines = wrapper.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            out.line(lines.nextElement());
            if (!lines.hasMoreElements()) {
                out.line("");
            }
        }
        int headersEnd = out.length;
        try {
            buffer.writeTo(out);
        } catch (IOException e) {
            return Optional.empty();
        }
        int bodyStart = ReceivedBodyMessage.bodyStartBetween(out.bytes, headersEnd, out.length);
        int bodyLength = out.length - bodyStart;
        System.arraycopy(out.bytes, bodyStart, out.bytes, headersEnd, bodyLength);
        return Optional.of(new MimeMessageWrapper(new Bytes(out.bytes, headersEnd + bodyLength, wrapper.getSourceId())));
    }

    /** An array filled in place; grown only if the buffer holds more than it said when the array was made. */
    private static final class Filling extends OutputStream {
        private byte[] bytes;
        private int length;

        Filling(int capacity) {
            this.bytes = new byte[capacity];
        }

        /** The line and CR LF, as {@code InternetHeadersInputStream} writes it: US-ASCII, '?' for any other character. */
        void line(String line) {
            int size = line.length();
            room(size + 2);
            for (int index = 0; index < size; index++) {
                char current = line.charAt(index);
                if (current >= 0x80) {
                    // a surrogate pair is one '?' in US-ASCII: the encoder's own rules for the rest of the line
                    byte[] encoded = line.substring(index).getBytes(StandardCharsets.US_ASCII);
                    room(encoded.length + 2);
                    System.arraycopy(encoded, 0, bytes, length, encoded.length);
                    length += encoded.length;
                    break;
                }
                bytes[length++] = (byte) current;
            }
            bytes[length++] = '\r';
            bytes[length++] = '\n';
        }

        @Override
        public void write(int b) {
            room(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int count) {
            room(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length + Math.max(HEADER_ROOM, bytes.length / 8)));
            }
        }
    }

    /** The bytes of a message as a source of James: each stream a view of them, the size their length. */
    private record Bytes(byte[] bytes, int length, String sourceId) implements MimeMessageSource {
        @Override
        public String getSourceId() {
            return "appended:" + sourceId;
        }

        @Override
        public InputStream getInputStream() {
            return new SharedByteArrayInputStream(bytes, 0, length);
        }

        @Override
        public long getMessageSize() {
            return length;
        }
    }
}
