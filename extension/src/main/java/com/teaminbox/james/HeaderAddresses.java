package com.teaminbox.james;

import java.io.UnsupportedEncodingException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;

/**
 * Every mail address an address header ({@code From:}, {@code Sender:}) shows a reader, for
 * checks that must not be fooled: the addresses it parses to, and also anything shaped like an
 * address anywhere in its text. A display name ({@code "support@example.test" <me@example.test>})
 * or a malformed header ({@code Support <support@example.test}, which lenient parsing turns into
 * no valid address) or an encoded-word in a display name still shows the address to the
 * recipient, so it counts.
 */
public final class HeaderAddresses {
    /** Over-inclusive on purpose: a token that is not a valid address is dropped afterwards. */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("[^\\s<>\"(),;:\\[\\]]+@[^\\s<>\"(),;:\\[\\]]+");

    private HeaderAddresses() {
    }

    public static List<MailAddress> of(MimeMessage message, String header) throws MessagingException {
        String value = message.getHeader(header, ",");
        if (value == null) {
            return List.of();
        }
        Set<MailAddress> addresses = new LinkedHashSet<>();
        for (InternetAddress parsed : InternetAddress.parseHeader(value, false)) {
            mailAddress(parsed.getAddress()).ifPresent(addresses::add);
        }
        addAddressLikeTokens(value, addresses);
        addAddressLikeTokens(decoded(value), addresses);
        return List.copyOf(addresses);
    }

    private static void addAddressLikeTokens(String text, Set<MailAddress> addresses) {
        Matcher tokens = ADDRESS_LIKE.matcher(text);
        while (tokens.find()) {
            mailAddress(tokens.group()).ifPresent(addresses::add);
        }
    }

    /** A display name can be an RFC 2047 encoded-word ({@code =?UTF-8?Q?support=40example.test?=}); readers see it decoded. */
    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value);
        } catch (UnsupportedEncodingException e) {
            // An unknown charset: the reader's client cannot decode it either.
            return value;
        }
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
