package com.teaminbox.james.rules;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.mail.Address;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MailDateFormat;
import javax.mail.internet.MimeUtility;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.rules.RuleNotification;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;

/**
 * The short mails rules send: "assigned to you" for an assignee, "rule matched" for a notify
 * address. Machine-written (RFC 3834 {@code Auto-Submitted: auto-generated}) with a null
 * envelope sender, so that no autoresponder ever answers them.
 *
 * <p>The mail is written as bytes, not built through javax.mail's object model and
 * saved: {@code saveChanges} ran the body through a data handler to choose its transfer encoding,
 * and James ran it through again to copy the message into the spool, for a mail of a few lines
 * (a sixth of {@code ApplyRules} in the server's profile). The bytes are those javax.mail wrote:
 * the same headers in the same order, folded and encoded by the same javax.mail functions, the body
 * in the transfer encoding it chose ({@code RuleNotificationsTest} compares both on generated subjects).
 * The bytes go to James's spool as the mail's source ({@link NotificationBytes}): handed a
 * {@code MimeMessage}, {@code sendMail} parsed nothing but wrote the message out into a spool
 * buffer of its own before the queue copied it again (a sixth of a notification's cost in the server's
 * profile, docs/benchmarks.md, {@code notify15}). It is still sent to the root processor, through
 * the whole mailet pipeline.
 */
public class RuleNotifications {
    private static final String CONTENT_TYPE = "text/plain; charset=UTF-8";
    private static final byte[] CRLF = {'\r', '\n'};
    /** javax.mail's date format, not thread-safe: used under its own lock, as MimeMessage does. */
    private static final MailDateFormat DATE_FORMAT = new MailDateFormat();
    private static volatile FormattedDate lastDate = new FormattedDate(Long.MIN_VALUE, "");
    private static final AtomicInteger MESSAGE_IDS = new AtomicInteger();
    /** The domain part of javax.mail's Message-IDs ({@code @host}): looked up once, not once per mail. */
    private static volatile String messageIdSuffix;

    @Inject
    public RuleNotifications() {
    }

    /**
     * Sends one notification about a mail whose (decoded) subject is {@code subject}; the ticket's tag
     * appears once in the notification's subject, whatever the mail's subject carries.
     */
    public void send(MailetContext context, SharedMailbox sharedMailbox, RuleNotification notification,
                     Optional<TicketId> ticket, String subject) throws MessagingException {
        String name = MailImpl.getId();
        MailImpl mail = MailImpl.builder()
            .name(name)
            .sender(MailAddress.nullSender())
            .addRecipient(notification.to())
            .state(Mail.DEFAULT)
            .build();
        try {
            // The source, not a MimeMessage: James reads the bytes as they are, without copying a parsed message first.
            mail.setMessageContent(new NotificationBytes(name, message(sharedMailbox, notification, ticket, subject)));
            // What sendMail(sender, recipients, message) does with the mail it builds: to the root processor, then disposed.
            context.sendMail(mail);
        } finally {
            LifecycleUtil.dispose(mail);
        }
    }

    static byte[] message(SharedMailbox sharedMailbox, RuleNotification notification, Optional<TicketId> ticket,
                                       String subject) throws MessagingException {
        String from = sharedMailbox.address().asString();
        StringBuilder text = new StringBuilder(160).append(notification.kind().words()).append(" by rule '").append(notification.rule())
            .append("' of ").append(from).append(".\r\n");
        if (ticket.isPresent()) {
            text.append("Ticket: ").append(ticket.get()).append("\r\n");
        }
        text.append("Subject: ").append(TicketSubjects.singleLine(subject)).append("\r\n");
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        // What saveChanges chose for a text part: 7bit, quoted-printable or base64 after the share of non-ASCII bytes.
        String encoding = MimeUtility.getEncoding(new ByteArrayDataSource(body, CONTENT_TYPE));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(640 + body.length * 2);
            // InternetHeaders' order: the known headers in their place, then the others as they were set.
            header(out, "Date", date());
            header(out, "From", InternetAddress.toString(new Address[] {new InternetAddress(from)}, "From".length() + 2));
            header(out, "To", InternetAddress.toString(InternetAddress.parse(notification.to().asString()), "To".length() + 2));
            header(out, "Message-ID", "<" + messageId() + ">");
            header(out, "Subject", MimeUtility.fold("Subject".length() + 2, MimeUtility.encodeText(TicketSubjects.singleLine(
                notification.subject(subject, sharedMailbox.ticketPrefix(), ticket, sharedMailbox.subjectConventions().tagFormat())),
                StandardCharsets.UTF_8.name(), null)));
            header(out, "MIME-Version", "1.0");
            header(out, "Content-Type", CONTENT_TYPE);
            header(out, "Content-Transfer-Encoding", encoding);
            header(out, "Auto-Submitted", "auto-generated");
            header(out, "X-Auto-Response-Suppress", "All");
            if (ticket.isPresent()) {
                header(out, "X-Ticket", ticket.get().toString());
            }
            out.write(CRLF);
            // As MimeBodyPart.writeTo: through the encoder, flushed (not closed, which would end base64 with a line break).
            OutputStream encoder = MimeUtility.encode(out, encoding);
            encoder.write(body);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("Cannot write a notification", e);
        }
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        // header values are ASCII here: javax.mail encoded or folded each, as it did when it wrote them
        out.writeBytes((name + ": " + value).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(CRLF);
    }

    private static String date() {
        long second = System.currentTimeMillis() / 1000;
        FormattedDate last = lastDate;
        if (last.second() == second) {
            return last.text();
        }
        String text;
        synchronized (DATE_FORMAT) {
            text = DATE_FORMAT.format(new Date(second * 1000));
        }
        lastDate = new FormattedDate(second, text);
        return text;
    }

    /** A Date header shows seconds: the notifications of one second share its text (formatting it was a seventh of the mail's writing). */
    private record FormattedDate(long second, String text) {
    }

    /** javax.mail's form: {@code <hash>.<counter>.<milliseconds>@<host>}, unique as its own. */
    private static String messageId() {
        String suffix = messageIdSuffix;
        if (suffix == null) {
            InternetAddress local = InternetAddress.getLocalAddress(MailSession.SHARED);
            String address = local == null ? "javamailuser@localhost" : local.getAddress();
            int at = address.lastIndexOf('@');
            suffix = at >= 0 ? address.substring(at) : address;
            messageIdSuffix = suffix;
        }
        StringBuilder id = new StringBuilder(64);
        return id.append(id.hashCode()).append('.').append(MESSAGE_IDS.getAndIncrement()).append('.')
            .append(System.currentTimeMillis()).append(suffix).toString();
    }
}
