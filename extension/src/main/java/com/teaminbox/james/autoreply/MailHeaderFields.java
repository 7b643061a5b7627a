package com.teaminbox.james.autoreply;

import java.util.Enumeration;

import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import com.teaminbox.core.autoreply.HeaderFields;

/** The raw header fields of a James mail, for the governor; a header javax.mail cannot read is skipped. */
public final class MailHeaderFields {
    /** Hostile mail may carry thousands of headers; the rules need only the first ones of each kind. */
    static final int MAX_HEADERS = 2000;

    private MailHeaderFields() {
    }

    public static HeaderFields of(MimeMessage message) {
        HeaderFields.Builder builder = HeaderFields.builder();
        try {
            Enumeration<Header> headers = message.getAllHeaders();
            for (int count = 0; headers.hasMoreElements() && count < MAX_HEADERS; count++) {
                Header header = headers.nextElement();
                builder.add(header.getName(), header.getValue());
            }
        } catch (MessagingException e) {
            // The fields read so far still decide; an unreadable header block is no reason to answer more.
        }
        return builder.build();
    }
}
