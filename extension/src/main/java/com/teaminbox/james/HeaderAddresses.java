package com.teaminbox.james;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

/** The mail addresses of an address header ({@code From:}, {@code Sender:}), read as clients write them. */
public final class HeaderAddresses {
    private HeaderAddresses() {
    }

    /**
     * Every mail address of the header, parsed leniently; group syntax and local parts without a
     * domain cannot be a shared address and are skipped.
     *
     * @throws AddressException when the header cannot be read as addresses at all
     */
    public static List<MailAddress> of(MimeMessage message, String header) throws MessagingException {
        String value = message.getHeader(header, ",");
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(InternetAddress.parseHeader(value, false))
            .flatMap(address -> mailAddress(address.getAddress()).stream())
            .collect(Collectors.toList());
    }

    public static Optional<MailAddress> mailAddress(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailAddress(text));
        } catch (AddressException e) {
            return Optional.empty();
        }
    }
}
