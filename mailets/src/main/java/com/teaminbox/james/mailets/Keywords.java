package com.teaminbox.james.mailets;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.mailet.Attribute;
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
        setAttributes(mail, StorageDirective.builder()
            .keywords(Optional.of(withEarlier(mail, recipient, added)))
            .build()
            .encodeAsAttributes(recipient));
    }

    /**
     * As {@link #setFolderAndFlags} then {@link #add(Mail, Username, Collection)}, in one directive: the
     * same attributes, the mail's earlier directive read once and one directive encoded (a rule's
     * folder, flags and keywords for each mail it matches).
     */
    static void setFolderFlagsAndAdd(Mail mail, Username recipient, Optional<String> folder, boolean seen, boolean flagged,
                                     Collection<String> added) {
        if (added.isEmpty()) {
            setFolderAndFlags(mail, recipient, folder, seen, flagged);
            return;
        }
        setAttributes(mail, folderAndFlags(folder, seen, flagged)
            .keywords(Optional.of(withEarlier(mail, recipient, added)))
            .build()
            .encodeAsAttributes(recipient));
    }

    /** The target folder and system flags, each only when asked for; nothing at all when none is. */
    static void setFolderAndFlags(Mail mail, Username recipient, Optional<String> folder, boolean seen, boolean flagged) {
        if (folder.isEmpty() && !seen && !flagged) {
            return;
        }
        setAttributes(mail, folderAndFlags(folder, seen, flagged)
            .build()
            .encodeAsAttributes(recipient));
    }

    private static StorageDirective.Builder folderAndFlags(Optional<String> folder, boolean seen, boolean flagged) {
        return StorageDirective.builder()
            .targetFolder(folder)
            .seen(seen ? Optional.of(true) : Optional.empty())
            .important(flagged ? Optional.of(true) : Optional.empty());
    }

    /** The keywords the mail's earlier directive gives this recipient, then the added ones. */
    private static Set<String> withEarlier(Mail mail, Username recipient, Collection<String> added) {
        Set<String> keywords = new LinkedHashSet<>();
        // Plain calls, no lambda or method reference: this runs for every mail a rule or AssignTicket marks.
        Optional<Flags> existing = StorageDirective.fromMail(recipient, mail).getFlags();
        if (existing.isPresent()) {
            Collections.addAll(keywords, existing.get().getUserFlags());
        }
        keywords.addAll(added);
        return keywords;
    }

    private static void setAttributes(Mail mail, Stream<Attribute> attributes) {
        for (Iterator<Attribute> each = attributes.iterator(); each.hasNext(); ) {
            mail.setAttribute(each.next());
        }
    }
}
