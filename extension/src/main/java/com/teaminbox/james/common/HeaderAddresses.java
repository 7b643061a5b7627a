package com.teaminbox.james.common;

import java.util.List;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.sending.ShownAddresses;

/**
 * Every mail address an address header ({@code From:}, {@code Sender:}, {@code Resent-From:},
 * {@code Resent-Sender:}) shows a reader, for checks that must not be fooled: every occurrence
 * of the header, each read as {@link ShownAddresses} does (display names, quoted local parts,
 * comments, encoded-words, malformed headers), in linear time.
 */
public final class HeaderAddresses {
    private HeaderAddresses() {
    }

    public static List<MailAddress> of(MimeMessage message, String header) throws MessagingException {
        String value = message.getHeader(header, ",");
        if (value == null) {
            return List.of();
        }
        return List.copyOf(ShownAddresses.in(value));
    }

    public static Optional<MailAddress> mailAddress(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailAddress(text));
        } catch (Exception e) {
            // MailAddress rejects what is not an RFC 5321 address: not an address we need to see.
            return Optional.empty();
        }
    }
}
