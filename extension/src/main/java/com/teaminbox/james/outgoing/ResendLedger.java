package com.teaminbox.james.outgoing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.RecipientId;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.james.storage.SerialNotificationRegistry;

/**
 * Replies the collision guard refused, remembered for the resend window in James's notification
 * registry (shared by every node of a cluster, with expiry): a member who sends the same reply
 * again — the same Message-ID, or the same body text whatever the client's new boundaries and
 * Message-ID — means it, and it goes through. Keys are digests: no text is stored.
 */
public class ResendLedger {
    private static final String KEY_DOMAIN = "collision.teaminbox.invalid";

    private final SerialNotificationRegistry registry;
    private final Clock clock;

    @Inject
    public ResendLedger(SerialNotificationRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public void rememberRefused(SharedMailbox sharedMailbox, TicketId ticket, MailAddress member, Optional<String> messageId,
                                String bodyDigest, Duration window) {
        Optional<ZonedDateTime> expiry = Optional.of(ZonedDateTime.now(clock).plus(window));
        AccountId account = account(sharedMailbox, ticket, member);
        for (RecipientId key : keys(messageId, bodyDigest)) {
            registry.register(account, key, expiry);
        }
    }

    /** Whether this reply was refused within the window: by Message-ID, or by body digest. */
    public boolean isResend(SharedMailbox sharedMailbox, TicketId ticket, MailAddress member, Optional<String> messageId, String bodyDigest) {
        AccountId account = account(sharedMailbox, ticket, member);
        return keys(messageId, bodyDigest).stream().anyMatch(key -> registry.isRegistered(account, key));
    }

    private static AccountId account(SharedMailbox sharedMailbox, TicketId ticket, MailAddress member) {
        return AccountId.fromString("teaminbox-collision:" + sharedMailbox.address().asString() + ":" + ticket + ":" + member.asString());
    }

    private static List<RecipientId> keys(Optional<String> messageId, String bodyDigest) {
        Optional<RecipientId> byMessageId = messageId.map(String::strip).filter(id -> !id.isEmpty())
            .map(id -> key("m" + sha256(id.toLowerCase(Locale.ROOT))));
        RecipientId byBody = key("b" + bodyDigest);
        return byMessageId.map(id -> List.of(id, byBody)).orElseGet(() -> List.of(byBody));
    }

    /** A local part is at most 64 characters (RFC 5321 4.5.3.1.1): 40 hex digits of the digest are enough. */
    private static RecipientId key(String hex) {
        try {
            return RecipientId.fromMailAddress(new MailAddress(hex.substring(0, Math.min(41, hex.length())) + "@" + KEY_DOMAIN));
        } catch (AddressException e) {
            throw new IllegalStateException("hex digits make a valid local part", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Java promises SHA-256", e);
        }
    }
}
