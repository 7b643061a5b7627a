package com.teaminbox.james.mailets;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;

/** Adds IMAP keywords to what LocalDelivery stores for one recipient, keeping those other mailets asked for. */
final class Keywords {
    private Keywords() {
    }

    static void add(Mail mail, Username recipient, String keyword) {
        Set<String> keywords = new LinkedHashSet<>();
        StorageDirective.fromMail(recipient, mail).getFlags()
            .map(Flags::getUserFlags)
            .ifPresent(existing -> keywords.addAll(Set.of(existing)));
        keywords.add(keyword);
        StorageDirective.builder()
            .keywords(Optional.of(keywords))
            .build()
            .encodeAsAttributes(recipient)
            .forEach(mail::setAttribute);
    }
}
