package com.teaminbox.core.config;

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

    public static MailAddress normalize(MailAddress address) {
        return parse(address.asString());
    }
}
