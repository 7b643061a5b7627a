package com.teaminbox.james.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * Groups a mail's recipients by the shared mailbox they are, in the order they were given.
 *
 * <p>Grouping parses and compares every recipient against the configuration; the mailets of the
 * shared-mailbox processor all need the group. {@code SplitPerSharedMailbox} groups once and
 * {@link #remember remembers} the group on the mail ({@value #ATTRIBUTE_NAME}: the shared address,
 * then the recipients); {@link #group(SharedMailboxesConfiguration, Mail)} trusts that attribute
 * while the mail's recipients are still exactly those remembered and the configuration in force
 * still has that shared mailbox, and groups again otherwise (no attribute: a mail reprocessed from
 * a repository into a later mailet, recipients changed since, a reload that removed the mailbox).
 */
public final class SharedMailboxRecipients {
    static final String ATTRIBUTE_NAME = "teaminbox.shared-mailbox.recipients";
    public static final AttributeName ATTRIBUTE = AttributeName.of(ATTRIBUTE_NAME);

    private SharedMailboxRecipients() {
    }

    public static Map<SharedMailbox, List<MailAddress>> group(SharedMailboxesConfiguration configuration,
                                                       Collection<MailAddress> recipients) {
        Map<SharedMailbox, List<MailAddress>> groups = new LinkedHashMap<>();
        for (MailAddress recipient : recipients) {
            Optional<SharedMailbox> sharedMailbox = configuration.find(recipient);
            if (sharedMailbox.isPresent()) {
                groups.computeIfAbsent(sharedMailbox.get(), any -> new ArrayList<>()).add(recipient);
            }
        }
        return groups;
    }

    /** The mail's recipients grouped, from what {@link #remember} left when it still holds, else grouped again. */
    public static Map<SharedMailbox, List<MailAddress>> group(SharedMailboxesConfiguration configuration, Mail mail) {
        Optional<Map<SharedMailbox, List<MailAddress>>> remembered = remembered(configuration, mail);
        return remembered.isPresent() ? remembered.get() : group(configuration, mail.getRecipients());
    }

    /** Remembers that all of the mail's recipients, {@code recipients}, are the one shared mailbox {@code sharedMailbox}. */
    public static void remember(Mail mail, SharedMailbox sharedMailbox, List<MailAddress> recipients) {
        List<AttributeValue<?>> values = new ArrayList<>(recipients.size() + 1);
        values.add(AttributeValue.of(sharedMailbox.address().asString()));
        for (MailAddress recipient : recipients) {
            values.add(AttributeValue.of(recipient.asString()));
        }
        mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(values)));
    }

    /**
     * Loops rather than Optional and stream chains: read by each mailet of the shared-mailbox
     * processor on every mail, where the server runs mostly C1-compiled code (issue 18).
     */
    private static Optional<Map<SharedMailbox, List<MailAddress>>> remembered(SharedMailboxesConfiguration configuration, Mail mail) {
        Optional<Attribute> attribute = mail.getAttribute(ATTRIBUTE);
        if (attribute.isEmpty() || !(attribute.get().getValue().value() instanceof Collection<?> values)) {
            return Optional.empty();
        }
        Collection<MailAddress> mailRecipients = mail.getRecipients();
        if (values.size() != mailRecipients.size() + 1) {
            return Optional.empty();
        }
        Iterator<?> remembered = values.iterator();
        String address = text(remembered.next());
        List<MailAddress> recipients = new ArrayList<>(mailRecipients);
        for (MailAddress recipient : recipients) {
            String text = text(remembered.next());
            if (text == null || !spells(text, recipient)) {
                return Optional.empty();
            }
        }
        if (address == null) {
            return Optional.empty();
        }
        // The shared address as the configuration spells it (normalised): no parsing needed to find it again.
        for (SharedMailbox mailbox : configuration.sharedMailboxes()) {
            if (spells(address, mailbox.address())) {
                Map<SharedMailbox, List<MailAddress>> group = new LinkedHashMap<>();
                group.put(mailbox, recipients);
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text.equals(address.asString())} without building the address's text (asString
     * concatenates its parts at each call), for each recipient and each shared mailbox of every mail.
     */
    static boolean spells(String text, MailAddress address) {
        String localPart = address.getLocalPart();
        String domain = address.getDomain().asString();
        return text.length() == localPart.length() + 1 + domain.length()
            && text.startsWith(localPart)
            && text.charAt(localPart.length()) == '@'
            && text.endsWith(domain);
    }

    /** The text of a remembered value, null when it is no text. */
    private static String text(Object value) {
        return value instanceof AttributeValue<?> attributeValue && attributeValue.value() instanceof String text ? text : null;
    }
}
