package com.teaminbox.james.retention;

import java.io.UnsupportedEncodingException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeUtility;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageResult;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.retention.MessageFacts;
import com.teaminbox.james.common.HeaderAddresses;
import com.teaminbox.james.common.SystemFlags;

/**
 * One message as retention sees it: the facts {@code RetentionRules} decides on, read from the
 * headers only (never a body), plus what its receipt names.
 *
 * @param messageId the {@code Message-ID} header, or {@code james:} and the store's id when it has none
 * @param storedId the mailbox layer's id, which deletes and moves are checked against
 */
record RetentionCandidate(MessageUid uid, MessageFacts facts, String messageId, MessageId storedId, long size) {

    static RetentionCandidate of(FolderName folder, MessageResult result) throws MailboxException {
        Optional<String> from = Optional.empty();
        Optional<String> subject = Optional.empty();
        Optional<String> messageId = Optional.empty();
        Iterator<Header> headers = result.getHeaders().headers();
        while (headers.hasNext()) {
            Header header = headers.next();
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (name.equals("from") && from.isEmpty()) {
                from = Optional.of(header.getValue());
            } else if (name.equals("subject") && subject.isEmpty()) {
                subject = Optional.of(decoded(header.getValue()));
            } else if (name.equals("message-id") && messageId.isEmpty()) {
                messageId = Optional.of(header.getValue().strip());
            }
        }
        MessageFacts facts = new MessageFacts(folder, result.getInternalDate().toInstant(),
            new HashSet<>(SystemFlags.names(result.getFlags())), from.flatMap(RetentionCandidate::sender), subject);
        return new RetentionCandidate(result.getUid(), facts,
            messageId.orElseGet(() -> "james:" + result.getMessageId().serialize()), result.getMessageId(), result.getSize());
    }

    private static Optional<MailAddress> sender(String fromHeader) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(fromHeader, false);
            return parsed.length == 0 ? Optional.empty() : HeaderAddresses.mailAddress(parsed[0].getAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    private static String decoded(String value) {
        try {
            return MimeUtility.decodeText(value.replaceAll("\\r?\\n", ""));
        } catch (UnsupportedEncodingException e) {
            return value;
        }
    }
}
