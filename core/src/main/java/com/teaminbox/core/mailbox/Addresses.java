package com.teaminbox.core.mailbox;

import java.util.Locale;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

/**
 * Mail addresses as the configuration compares them: lower case, because James treats
 * {@code Support@Example.TEST} and {@code support@example.test} as the same account.
 */
public final class Addresses {
    private Addresses() {
    }

    /** @throws IllegalArgumentException naming the address and why it is not one */
    public static MailAddress parse(String text) {
        if (text.indexOf('@') < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a mail address: it has no '@domain' part");
        }
        try {
            return new MailAddress(text.toLowerCase(Locale.ROOT));
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + text + "' is not a mail address: " + e.getMessage(), e);
        }
    }

    /**
     * Lower case, and a quoted local part unquoted when it needs no quotes: {@code "Support"@example.test}
     * is the mailbox {@code support@example.test} (RFC 5321 section 4.1.2), so that an envelope or header
     * spelled that way is still recognised as a shared address.
     */
    public static MailAddress normalize(MailAddress address) {
        String localPart = address.getLocalPart();
        if (localPart.length() >= 2 && localPart.startsWith("\"") && localPart.endsWith("\"")) {
            String unquoted = localPart.substring(1, localPart.length() - 1).replace("\\", "");
            try {
                return parse(unquoted + "@" + address.getDomain().asString());
            } catch (IllegalArgumentException e) {
                // Needs its quotes (a space, an @...): another mailbox than any dot-atom address.
            }
        }
        return parse(address.asString());
    }
}
