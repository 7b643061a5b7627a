package com.teaminbox.james.common;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

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
    /** javax.mail's protected {@code MimeMessage.saved}: what {@code writeTo} checks before saving again. */
    private static final Optional<Field> SAVED_FLAG = savedFlag();
    /** RFC 5322 section 3.3, with a numeric zone. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private MessageHeaders() {
    }

    /**
     * Saves header edits (subject, X-Ticket, rule headers) of a mail whose body may be broken or big.
     *
     * <p>A mail in James's pipeline ({@link MimeMessageWrapper}) is marked saved, as javax.mail's
     * {@code saveChanges()} would, without what {@code saveChanges()} also does: walk the whole body
     * to update its parts' headers. That walk parses the body into the heap, where James keeps it
     * until delivery (a 50 MB attachment: about 70 MB, and an OutOfMemoryError at {@code -Xmx512m}),
     * and throws on a body it cannot parse (a {@code multipart/*} whose boundary never occurs), which
     * would send the mail to the error repository for a subject edit. Marked saved, the wrapper
     * writes and delivers the edited headers followed by the untouched body from the spool; unmarked,
     * James would call {@code saveChanges()} itself on the next write (JAMES-1320). Found by
     * {@code CorpusIntegrationTest} (multipart-no-boundary-parameter) and the memory benchmark.
     *
     * <p>Any other message gets {@code saveChanges()}, with a broken body tolerated: javax.mail marks
     * the message saved before walking the body.
     */
    public static void saveHeaderChanges(MimeMessage message, String mailName) {
        if (message instanceof MimeMessageWrapper && SAVED_FLAG.isPresent()) {
            try {
                SAVED_FLAG.get().setBoolean(message, true);
                return;
            } catch (IllegalAccessException e) {
                LOGGER.warn("Cannot mark mail {} saved; saving it the javax.mail way", mailName, e);
            }
        }
        try {
            message.saveChanges();
        } catch (MessagingException e) {
            LOGGER.info("Body of mail {} is not valid MIME ({}); headers saved, body kept as received", mailName, e.getMessage());
        }
    }

    /**
     * Gives a mail without {@code Message-ID} one, in the shared mailbox's domain: replies, the
     * conversation index and the audit trail refer to mail by it. ({@code saveChanges()} used to
     * add one as a side effect; {@link #saveHeaderChanges} no longer calls it on spooled mail.)
     *
     * @return the Message-ID the mail now carries, as written: the caller need not read it again
     */
    public static String ensureMessageId(MimeMessage message, String domain) throws MessagingException {
        Optional<String> existing = first(message, "Message-ID").filter(value -> !value.isBlank());
        if (existing.isPresent()) {
            return existing.get();
        }
        String generated = "<" + UUID.randomUUID() + "@" + domain + ">";
        message.setHeader("Message-ID", generated);
        return generated;
    }

    /**
     * Sets {@code Date} in the server's time zone, as {@code setSentDate} does, without its lock:
     * javax.mail formats every message's date through one shared, synchronized formatter, which
     * every spool thread building a registry entry or an acknowledgement queued on.
     */
    public static void setDate(MimeMessage message, Instant date) throws MessagingException {
        message.setHeader("Date", dateValue(date));
    }

    /** The value {@link #setDate} gives the Date header, for a message written without javax.mail. */
    public static String dateValue(Instant date) {
        return DATE.format(date.atZone(ZoneId.systemDefault()));
    }

    private static Optional<Field> savedFlag() {
        try {
            Field saved = MimeMessage.class.getDeclaredField("saved");
            saved.setAccessible(true);
            return Optional.of(saved);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("javax.mail's MimeMessage.saved is not reachable; header edits will save messages the javax.mail way", e);
            return Optional.empty();
        }
    }

    /**
     * As {@code message.setSubject(subject, "UTF-8")}: the usual tagged subject, printable ASCII
     * without white space at either end and short enough for one line after {@code Subject: }, is
     * what javax.mail would write unchanged (no encoded-word, no folding), and is set as it is;
     * any other goes through javax.mail's encoding and folding, which scan and copy it for every
     * mail (issue 18). {@code MessageHeadersTest} compares both on random subjects.
     */
    public static void setSubject(MimeMessage message, String subject) throws MessagingException {
        if (isWrittenUnchanged(subject)) {
            message.setHeader("Subject", subject);
        } else {
            message.setSubject(subject, StandardCharsets.UTF_8.name());
        }
    }

    /**
     * Whether javax.mail's encoding and folding leave this subject as it is (see {@link #setSubject});
     * such a subject is also what {@link #subject} reads back: no encoded-word to decode, no line to
     * unfold, no leading blank for the header's value to lose.
     */
    public static boolean isWrittenUnchanged(String subject) {
        // "Subject: " takes 9 of the 76 characters a line may have before javax.mail folds it.
        int length = subject.length();
        if (length == 0 || length > 76 - 9 || subject.charAt(0) == ' ' || subject.charAt(length - 1) == ' ') {
            return false;
        }
        for (int index = 0; index < length; index++) {
            char current = subject.charAt(index);
            if (current < 0x20 || current > 0x7E) {
                return false;
            }
        }
        return subject.indexOf("=?") < 0;
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
