package com.teaminbox.james.mailets;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;

/**
 * Adds to what LocalDelivery stores for one recipient (a James {@link StorageDirective}), keeping
 * what other mailets asked for. James's {@code StorageDirective.Builder.build()} throws when no
 * field is given ("Expecting one of the storage directives to be specified"), which sent mail
 * matched by a rule without folder or flag to the error repository: a directive is built only
 * with something in it.
 */
final class Keywords {
    private Keywords() {
    }

    static void add(Mail mail, Username recipient, String keyword) {
        add(mail, recipient, List.of(keyword));
    }

    static void add(Mail mail, Username recipient, Collection<String> added) {
        if (added.isEmpty()) {
            return;
        }
        Set<String> keywords = new LinkedHashSet<>();
        StorageDirective.fromMail(recipient, mail).getFlags()
            .map(Flags::getUserFlags)
            .ifPresent(existing -> keywords.addAll(Set.of(existing)));
        keywords.addAll(added);
        StorageDirective.builder()
            .keywords(Optional.of(keywords))
            .build()
            .encodeAsAttributes(recipient)
            .forEach(mail::setAttribute);
    }

    /** The target folder and system flags, each only when asked for; nothing at all when none is. */
    static void setFolderAndFlags(Mail mail, Username recipient, Optional<String> folder, boolean seen, boolean flagged) {
        if (folder.isEmpty() && !seen && !flagged) {
            return;
        }
        StorageDirective.builder()
            .targetFolder(folder)
            .seen(seen ? Optional.of(true) : Optional.empty())
            .important(flagged ? Optional.of(true) : Optional.empty())
            .build()
            .encodeAsAttributes(recipient)
            .forEach(mail::setAttribute);
    }
}
