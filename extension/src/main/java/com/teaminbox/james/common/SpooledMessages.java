package com.teaminbox.james.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;
import javax.mail.util.SharedFileInputStream;

import org.apache.james.server.core.MimeMessageWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reading a mail of James's pipeline without loading a big body into the heap. */
public final class SpooledMessages {
    /** Up to this size a mail is read as it is, parsed in the heap; above, from a copy on disk. */
    public static final long IN_HEAP_LIMIT_BYTES = 1024 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(SpooledMessages.class);

    private SpooledMessages() {
    }

    /**
     * The message to read (never to change). For a spooled mail above {@link #IN_HEAP_LIMIT_BYTES}
     * whose body was not edited, a copy written to a temporary file and parsed through javax.mail's
     * {@link SharedFileInputStream}: javax.mail then records where each part starts and ends instead
     * of copying it, and reads a part only when asked. Reading the pipeline's own message would make
     * James parse the whole body into the heap and keep it there until delivery (70 MB for a 50 MB
     * attachment). One file, one descriptor, one pass over the mail, however many parts it has.
     *
     * @param size the mail's size, as James reports it
     */
    public static ReadOnlyMessage readOnly(MimeMessage message, long size) throws MessagingException {
        if (size <= IN_HEAP_LIMIT_BYTES || !(message instanceof MimeMessageWrapper) || ((MimeMessageWrapper) message).isBodyModified()) {
            return new ReadOnlyMessage(message, Optional.empty(), Optional.empty());
        }
        Path copy;
        try {
            copy = Files.createTempFile("teaminbox-read-", ".eml");
        } catch (IOException e) {
            throw new MessagingException("Cannot create a temporary copy to read the mail", e);
        }
        try {
            try (InputStream in = ((MimeMessageWrapper) message).getMessageInputStream(); OutputStream out = Files.newOutputStream(copy)) {
                in.transferTo(out);
            }
            SharedFileInputStream shared = new SharedFileInputStream(copy.toFile());
            return new ReadOnlyMessage(new MimeMessage(MailSession.SHARED, shared), Optional.of(shared), Optional.of(copy));
        } catch (IOException | MessagingException | RuntimeException e) {
            delete(copy);
            throw new MessagingException("Cannot read the mail from its temporary copy: " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.warn("Cannot delete temporary copy {}", file, e);
        }
    }

    /** A message to read, and the temporary copy behind it, removed on {@link #close()}. */
    public static final class ReadOnlyMessage implements AutoCloseable {
        private final MimeMessage message;
        private final Optional<SharedFileInputStream> stream;
        private final Optional<Path> copy;

        private ReadOnlyMessage(MimeMessage message, Optional<SharedFileInputStream> stream, Optional<Path> copy) {
            this.message = message;
            this.stream = stream;
            this.copy = copy;
        }

        public MimeMessage message() {
            return message;
        }

        /** Where the copy is, when there is one (tests check it is gone after close). */
        public Optional<Path> copy() {
            return copy;
        }

        @Override
        public void close() {
            stream.ifPresent(open -> {
                try {
                    open.close();
                } catch (IOException e) {
                    LOGGER.debug("Cannot close temporary copy {}", copy, e);
                }
            });
            copy.ifPresent(SpooledMessages::delete);
        }
    }
}
