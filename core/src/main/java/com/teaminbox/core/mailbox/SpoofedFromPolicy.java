package com.teaminbox.core.mailbox;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the incoming server does with unauthenticated mail that claims to come from a shared
 * mailbox of ours (its address as envelope sender or in an author header): members send on the
 * submission server, and our acknowledgements and notifications are sent by mailets, never over
 * SMTP, so such mail from outside is a spoof of our own address. The attribute
 * {@code spoofed-from} of {@code <shared-mailbox>}.
 */
public enum SpoofedFromPolicy {
    /** Refused with 550 5.7.1 during the dialogue: the sender's server returns it; nothing is delivered. The default. */
    REFUSE,
    /**
     * Delivered with {@code X-TeamInbox-Spoofed: <shared address>}, for mail that legitimately comes back
     * from outside (a mailing list the shared mailbox writes to, a forwarding service); rules can file it.
     */
    MARK;

    public static final SpoofedFromPolicy DEFAULT = REFUSE;

    /** The attribute value: {@code refuse} or {@code mark}. */
    public String attributeValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SpoofedFromPolicy> fromAttributeValue(String value) {
        return Arrays.stream(values()).filter(policy -> policy.attributeValue().equals(value)).findFirst();
    }
}
