package com.teaminbox.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * {@code AuditRecord.chainLine} and its {@code contentWriter} as they were before the sixteenth round
 * ({@code jit17audit}): thirteen fluent calls, each inlining its own copy of the escaping loop. Kept
 * unchanged, with {@link CanonicalJsonWriterBefore}, as the oracle of {@code AuditLineEqualityTest} and
 * the "before" of {@code AuditLineCostLoop}.
 */
final class AuditLineBefore {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC).withResolverStyle(ResolverStyle.STRICT);
    private static final byte[] HASH_MEMBER_BYTES = ",\"hash\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA256_BYTES = 32;
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static final CanonicalJsonWriterBefore.Name V = new CanonicalJsonWriterBefore.Name("v");
    private static final CanonicalJsonWriterBefore.Name SEQ = new CanonicalJsonWriterBefore.Name("seq");
    private static final CanonicalJsonWriterBefore.Name TIME_MEMBER = new CanonicalJsonWriterBefore.Name("time");
    private static final CanonicalJsonWriterBefore.Name NODE = new CanonicalJsonWriterBefore.Name("node");
    private static final CanonicalJsonWriterBefore.Name TYPE = new CanonicalJsonWriterBefore.Name("type");
    private static final CanonicalJsonWriterBefore.Name ACTOR = new CanonicalJsonWriterBefore.Name("actor");
    private static final CanonicalJsonWriterBefore.Name MAILBOX = new CanonicalJsonWriterBefore.Name("mailbox");
    private static final CanonicalJsonWriterBefore.Name TICKET = new CanonicalJsonWriterBefore.Name("ticket");
    private static final CanonicalJsonWriterBefore.Name MESSAGE_ID = new CanonicalJsonWriterBefore.Name("messageId");
    private static final CanonicalJsonWriterBefore.Name DECISION = new CanonicalJsonWriterBefore.Name("decision");
    private static final CanonicalJsonWriterBefore.Name REASON = new CanonicalJsonWriterBefore.Name("reason");
    private static final CanonicalJsonWriterBefore.Name DETAILS = new CanonicalJsonWriterBefore.Name("details");
    private static final CanonicalJsonWriterBefore.Name PREV = new CanonicalJsonWriterBefore.Name("prev");

    private AuditLineBefore() {
    }

    /**
     * The record and the line (UTF-8, with its line feed) the previous {@code chainLine} wrote for
     * these members; the record made from the line as the current code makes it
     * ({@link AuditRecord#chained}), as the previous code did too, so that a comparison of cost
     * compares the lines' writing.
     */
    static AuditRecord.Chained chainLine(CanonicalJsonWriterBefore lines, MessageDigest sha256, AuditEvent event, String node, long seq,
                            Instant time, String prev) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1: " + seq);
        }
        Instant millis = time.truncatedTo(ChronoUnit.MILLIS);
        contentWriter(lines.reset(), seq, millis, node, event, prev).close();
        int contentSize = lines.size();
        byte[] bytes = lines.ensure(HASH_MEMBER_BYTES.length + 3 * SHA256_BYTES + 3);
        int hashAt = contentSize - 1 + HASH_MEMBER_BYTES.length;
        int digestAt = hashAt + 2 * SHA256_BYTES + 3;
        sha256.update(bytes, 0, contentSize);
        try {
            sha256.digest(bytes, digestAt, SHA256_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("A SHA-256 digest is 32 bytes", e);
        }
        int at = contentSize - 1;
        System.arraycopy(HASH_MEMBER_BYTES, 0, bytes, at, HASH_MEMBER_BYTES.length);
        at += HASH_MEMBER_BYTES.length;
        for (int index = digestAt; index < digestAt + SHA256_BYTES; index++) {
            byte octet = bytes[index];
            bytes[at++] = HEX_DIGITS[(octet >> 4) & 0xf];
            bytes[at++] = HEX_DIGITS[octet & 0xf];
        }
        bytes[at++] = '"';
        bytes[at++] = '}';
        bytes[at++] = '\n';
        return AuditRecord.chained(seq, millis, node, event, prev, Arrays.copyOf(bytes, at));
    }

    private static CanonicalJsonWriterBefore contentWriter(CanonicalJsonWriterBefore writer, long seq, Instant time, String node,
                                                          AuditEvent event, String prev) {
        return writer
            .number(V, AuditRecord.SCHEMA_VERSION)
            .number(SEQ, seq)
            .time(TIME_MEMBER, time)
            .plainString(NODE, node)
            .plainString(TYPE, event.type().wireName())
            .actor(ACTOR, event.actor().kind().wireName(), event.actor().name())
            .string(MAILBOX, event.sharedMailbox())
            .string(TICKET, event.ticket())
            .string(MESSAGE_ID, event.messageId())
            .string(DECISION, event.decision())
            .string(REASON, event.reason())
            .object(DETAILS, event.detailsToWrite())
            .plainString(PREV, prev);
    }

    static String formatTime(Instant time) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return TIME.format(time);
        }
        char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
        digits(text, 0, 4, year);
        digits(text, 5, 2, utc.getMonthValue());
        digits(text, 8, 2, utc.getDayOfMonth());
        digits(text, 11, 2, utc.getHour());
        digits(text, 14, 2, utc.getMinute());
        digits(text, 17, 2, utc.getSecond());
        digits(text, 20, 3, utc.getNano() / 1_000_000);
        return new String(text);
    }

    private static void digits(char[] text, int start, int width, int value) {
        int rest = value;
        for (int position = start + width - 1; position >= start; position--) {
            text[position] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }
}
