package com.teaminbox.core.sending;

import java.util.List;
import java.util.stream.Stream;

import org.apache.james.core.MailAddress;

/**
 * The addresses a submitted mail shows as its author: {@code From:}, {@code Sender:} and the
 * resent block's {@code Resent-From:}, {@code Resent-Sender:} (RFC 5322 sections 3.6.2 and 3.6.6),
 * each holding every address found in every occurrence of that header.
 */
public record AuthorHeaders(List<MailAddress> from, List<MailAddress> sender, List<MailAddress> resentFrom,
                            List<MailAddress> resentSender) {
    public static final List<String> NAMES = List.of("From", "Sender", "Resent-From", "Resent-Sender");

    public AuthorHeaders {
        from = List.copyOf(from);
        sender = List.copyOf(sender);
        resentFrom = List.copyOf(resentFrom);
        resentSender = List.copyOf(resentSender);
    }

    /** Every address of the four headers, senders first: the one a send record names. */
    public Stream<MailAddress> all() {
        return Stream.of(sender, from, resentSender, resentFrom).flatMap(List::stream);
    }
}
