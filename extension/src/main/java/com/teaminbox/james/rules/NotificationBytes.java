package com.teaminbox.james.rules;

import java.io.InputStream;

import javax.mail.util.SharedByteArrayInputStream;

import org.apache.james.server.core.MimeMessageSource;

/**
 * A notification as written, handed to James's spool as the message's source: James reads it from
 * these bytes, as it reads a received mail from its spool file, instead of copying a parsed
 * {@code MimeMessage} into a source of its own first ({@code MailImpl.setMessage} wraps any message
 * that is not already its wrapper by writing it out).
 */
record NotificationBytes(String sourceId, byte[] bytes) implements MimeMessageSource {
    @Override
    public String getSourceId() {
        return sourceId;
    }

    @Override
    public InputStream getInputStream() {
        // shared: javax.mail's parser keeps the body as a view of these bytes, not a copy
        return new SharedByteArrayInputStream(bytes);
    }

    @Override
    public long getMessageSize() {
        return bytes.length;
    }
}
