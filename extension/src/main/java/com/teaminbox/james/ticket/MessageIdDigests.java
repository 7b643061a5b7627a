package com.teaminbox.james.ticket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import com.teaminbox.core.ticket.MessageIds;

/**
 * The name of a Message-ID in our stored keys ({@link KnownMessageIds}' registry entries,
 * {@link TicketOrigins}' annotations): the SHA-256, in lower-case hex, of the identifier as
 * replies quote it. The format is stored cluster-wide and must never change.
 *
 * <p>Why a class of its own: opening a ticket names the same Message-ID four times (is it known,
 * its origin annotation, two facts remembered), and each time cost a regular expression, a
 * provider lookup ({@code MessageDigest.getInstance}) and a digest. Each spool thread keeps its
 * own digest and the last identifier it named, so a mail's Message-ID is hashed once.
 */
final class MessageIdDigests {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<LastDigest> LAST = ThreadLocal.withInitial(LastDigest::new);

    private MessageIdDigests() {
    }

    /** The SHA-256 (lower-case hex) of {@link #normalized normalized(messageId)}. */
    static String of(String messageId) {
        LastDigest last = LAST.get();
        if (!messageId.equals(last.messageId)) {
            last.digest = HEX.formatHex(last.sha256.digest(normalized(messageId).getBytes(StandardCharsets.UTF_8)));
            last.messageId = messageId;
        }
        return last.digest;
    }

    /**
     * The identifier as replies quote it: the first {@code <...>} of a header value, as
     * {@link MessageIds} reads In-Reply-To and References ({@code <id> (comment)} is {@code <id>});
     * a value without brackets is bracketed.
     */
    static String normalized(String messageId) {
        Optional<String> bracketed = MessageIds.first(messageId);
        if (bracketed.isPresent()) {
            return bracketed.get();
        }
        String trimmed = messageId.strip();
        if (trimmed.startsWith("<") && trimmed.endsWith(">") && trimmed.length() >= 2) {
            trimmed = trimmed.substring(1, trimmed.length() - 1).strip();
        }
        return "<" + trimmed + ">";
    }

    /** One per spool thread: a MessageDigest is not thread-safe, and {@code digest()} resets it for the next use. */
    private static final class LastDigest {
        private final MessageDigest sha256 = newSha256();
        private String messageId;
        private String digest;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
