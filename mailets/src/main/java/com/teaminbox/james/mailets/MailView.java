package com.teaminbox.james.mailets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedMailboxRecipients;

/**
 * What the parts of the shared-mailbox processor read of one mail, read once: the recipients
 * grouped by shared mailbox, the decoded subject, the first value of a header (Message-ID,
 * In-Reply-To, References, From). {@link ServeSharedMailbox} hands one view to each part of a
 * mail; a mailet configured on its own makes one for its own step. Each value is what the part
 * would have read from the mail at that moment: a part that writes a header says so
 * ({@link #headerChanged}, {@link #headersChanged}) and the next read goes to the message again,
 * except a subject written as it is ({@link #subjectWritten}), which is what that read would give;
 * a grouping is reused only under the same configuration and the same recipients, in order; a new
 * message on the mail forgets everything.
 *
 * <p>One view per mail and per thread, never shared between mails: no state outlives the mail.
 */
final class MailView {
    private final Mail mail;
    private MimeMessage message;
    private final Map<String, Optional<String>> firstValues = new HashMap<>(8);
    private String subject;
    private SharedMailboxesConfiguration groupedUnder;
    private List<MailAddress> groupedRecipients;
    private Map<SharedMailbox, List<MailAddress>> groups;

    private MailView(Mail mail) {
        this.mail = mail;
    }

    static MailView of(Mail mail) {
        return new MailView(mail);
    }

    /** The mail's message; a message the mail was given since the last read forgets what was read of the old one. */
    MimeMessage message() throws MessagingException {
        MimeMessage current = mail.getMessage();
        if (current != message) {
            message = current;
            headersChanged();
        }
        return current;
    }

    /** As {@link SharedMailboxRecipients#group(SharedMailboxesConfiguration, Mail)}; grouped again when the configuration or the recipients changed. */
    Map<SharedMailbox, List<MailAddress>> groups(SharedMailboxesConfiguration configuration) {
        if (groups != null && groupedUnder == configuration && sameInOrder(groupedRecipients)) {
            return groups;
        }
        Map<SharedMailbox, List<MailAddress>> grouped = SharedMailboxRecipients.group(configuration, mail);
        remember(configuration, grouped);
        return grouped;
    }

    /** The grouping a part has just made under {@code configuration}, for the mail's recipients as they now are. */
    void remember(SharedMailboxesConfiguration configuration, Map<SharedMailbox, List<MailAddress>> grouped) {
        groupedUnder = configuration;
        groupedRecipients = new ArrayList<>(mail.getRecipients());
        groups = grouped;
    }

    private boolean sameInOrder(List<MailAddress> known) {
        if (mail.getRecipients().size() != known.size()) {
            return false;
        }
        int index = 0;
        for (MailAddress recipient : mail.getRecipients()) {
            if (!recipient.equals(known.get(index++))) {
                return false;
            }
        }
        return true;
    }

    /** As {@link MessageHeaders#first}: the header's first value, read once until a part changes it. */
    Optional<String> header(String name) throws MessagingException {
        MimeMessage current = message();
        String key = name.toLowerCase(Locale.ROOT);
        Optional<String> known = firstValues.get(key);
        if (known == null) {
            known = MessageHeaders.first(current, name);
            firstValues.put(key, known);
        }
        return known;
    }

    /** As {@link MessageHeaders#subject}: decoded once until a part changes it. */
    String subject() throws MessagingException {
        MimeMessage current = message();
        if (subject == null) {
            subject = MessageHeaders.subject(current);
        }
        return subject;
    }

    /**
     * A part set the subject to {@code written} with {@link MessageHeaders#setSubject}: a subject written
     * as it is ({@link MessageHeaders#isWrittenUnchanged}) is what decoding it would read back, and is
     * kept for the next parts (the rules, the acknowledgement) instead of decoded again; any other is
     * decoded on the next read.
     */
    void subjectWritten(String written) {
        headerChanged("Subject");
        if (MessageHeaders.isWrittenUnchanged(written)) {
            subject = written;
        }
    }

    /** A part set or removed this header: the next read goes to the message. */
    void headerChanged(String name) {
        firstValues.remove(name.toLowerCase(Locale.ROOT));
        if (name.equalsIgnoreCase("Subject")) {
            subject = null;
        }
    }

    /** A part changed headers it does not name one by one (a rule's header edits). */
    void headersChanged() {
        firstValues.clear();
        subject = null;
    }
}
