package com.teaminbox.james.common;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.sending.ShownAddresses;

/** Which shared mailbox, if any, a message is written as: the first shared address of its {@code From:}. */
public final class SharedSenders {
    private SharedSenders() {
    }

    public static Optional<SharedMailbox> fromHeader(SharedMailboxesConfiguration configuration, MimeMessage message) {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            // An unparsable From: is not written as a shared mailbox; other checks deal with it.
            return Optional.empty();
        }
        if (from == null) {
            return Optional.empty();
        }
        return Arrays.stream(from)
            .filter(InternetAddress.class::isInstance)
            .map(address -> ((InternetAddress) address).getAddress())
            .filter(Objects::nonNull)
            .flatMap(address -> parse(address).stream())
            .flatMap(address -> configuration.find(address).stream())
            .findFirst();
    }

    /** {@code "support"@example.test} is written as support@: the quotes do not make another mailbox (RFC 5321 4.1.2). */
    private static Optional<MailAddress> parse(String address) {
        return ShownAddresses.canonical(address);
    }
}
