package com.teaminbox.core.webhooks;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A signing key as the Standard Webhooks specification writes it: {@code whsec_} then the key in
 * base64 (24 to 64 bytes). {@link #toString()} never shows the key: secrets are not logged.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    public static final int MIN_KEY_BYTES = 24;
    public static final int MAX_KEY_BYTES = 64;

    private final byte[] key;
    private final String origin;

    private WebhookSecret(byte[] key, String origin) {
        this.key = key.clone();
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    /**
     * @param text   {@code whsec_<base64>}, surrounding white space ignored (a file's final line feed)
     * @param origin where it was read, for messages: {@code file secrets/chat.key}, {@code env CHAT_SECRET}
     * @throws IllegalArgumentException naming the origin and the rule broken, never the text
     */
    public static WebhookSecret parse(String text, String origin) {
        String value = text.strip();
        if (!value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the secret of " + origin + " does not start with '" + PREFIX
                + "'; write it as whsec_ followed by the key in base64 (docs/webhooks.md)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret of " + origin + " is not base64 after '" + PREFIX + "'");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the secret of " + origin + " holds " + key.length + " bytes; use "
                + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " random bytes");
        }
        return new WebhookSecret(key, origin);
    }

    byte[] key() {
        return key.clone();
    }

    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret && Arrays.equals(key, ((WebhookSecret) o).key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "secret from " + origin;
    }
}
