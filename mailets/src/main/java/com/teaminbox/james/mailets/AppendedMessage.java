package com.teaminbox.james.mailets;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedByteArrayInputStream;

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
