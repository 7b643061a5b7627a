package com.teaminbox.james;

import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lenient header reading for hostile mail: a header javax.mail cannot decode is read as raw
 * text, a missing one is empty, and neither fails the mail.
 */
public final class MessageHeaders {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageHeaders.class);

    private MessageHeaders() {
    }

    /**
     * Saves header edits (subject, X-Ticket, rule headers) of a received mail whose body may be
     * broken. javax.mail's {@code saveChanges()} also walks a multipart body to update its parts'
     * headers, and throws on one it cannot parse (a {@code multipart/*} whose boundary never
     * occurs: "Missing start boundary"), which would send the mail to the error repository for a
     * subject edit. {@code MimeMessage.saveChanges()} marks the message saved before walking the
     * body, so the edited headers stand and James writes the original body bytes unchanged.
     * Found by {@code CorpusIntegrationTest} (multipart-no-boundary-parameter).
     *
     * <p>A mail in James's pipeline ({@link MimeMessageWrapper}) is left unsaved: delivery streams
     * its edited headers followed by the untouched body from the spooled source, while
     * {@code saveChanges()} would first parse the whole body into the heap (a 50 MB attachment:
     * about 70 MB held for the rest of the pipeline, and an OutOfMemoryError at {@code -Xmx512m}).
     */
    public static void saveHeaderChanges(MimeMessage message, String mailName) {
        if (message instanceof MimeMessageWrapper) {
            return;
        }
        try {
            message.saveChanges();
        } catch (MessagingException e) {
            LOGGER.info("Body of mail {} is not valid MIME ({}); headers saved, body kept as received", mailName, e.getMessage());
        }
    }

    /** The decoded subject, or the raw header when it cannot be decoded, or "" when there is none. */
    public static String subject(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getSubject()).orElse("");
        } catch (MessagingException | RuntimeException e) {
            return first(message, "Subject").orElse("");
        }
    }

    public static Optional<String> first(MimeMessage message, String name) {
        try {
            return Optional.ofNullable(message.getHeader(name, null));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
