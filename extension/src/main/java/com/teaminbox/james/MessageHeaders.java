package com.teaminbox.james;

import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

/**
 * Lenient header reading for hostile mail: a header javax.mail cannot decode is read as raw
 * text, a missing one is empty, and neither fails the mail.
 */
public final class MessageHeaders {
    private MessageHeaders() {
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
