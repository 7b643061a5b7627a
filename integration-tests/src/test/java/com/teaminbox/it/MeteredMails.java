package com.teaminbox.it;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.james.server.core.MimeMessageSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/** What the cost meters hand to the mailets they time: a mail spooled as James's queue hands it over, and a mailet's configuration. */
final class MeteredMails {
    private MeteredMails() {
    }

    /** A mail whose message is read from {@code bytes} on demand, as the spool's copy is (James parses it only when asked). */
    static Mail spooled(String id, byte[] bytes, String sender, String recipient) throws MessagingException {
        MimeMessageSource source = new MimeMessageSource() {
            @Override
            public String getSourceId() {
                return id;
            }

            @Override
            public InputStream getInputStream() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long getMessageSize() {
                return bytes.length;
            }
        };
        return MailImpl.builder().name(id).sender(new MailAddress(sender))
            .addRecipient(new MailAddress(recipient))
            .mimeMessage(new MimeMessageWrapper(source))
            .state(Mail.DEFAULT)
            .build();
    }
}
