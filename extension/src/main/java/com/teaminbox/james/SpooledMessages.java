package com.teaminbox.james;

import java.io.IOException;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageWrapper;

/** Reading a mail of James's pipeline without loading its whole body into the heap. */
public final class SpooledMessages {
    private SpooledMessages() {
    }

    /**
     * The message to read (never to change): for a mail James spooled whose body was not edited, a
     * copy parsed from the spool through a {@link ReopeningSharedInputStream}, which holds the
     * headers and reads a part only when asked; otherwise the message itself. Reading the body of
     * the pipeline's own message would make James parse it whole and keep it for the rest of the
     * pipeline (70 MB for a 50 MB attachment).
     */
    public static MimeMessage readOnlyView(MimeMessage message) throws MessagingException {
        if (!(message instanceof MimeMessageWrapper) || ((MimeMessageWrapper) message).isBodyModified()) {
            return message;
        }
        MimeMessageWrapper spooled = (MimeMessageWrapper) message;
        return new MimeMessage(MailSession.SHARED, new ReopeningSharedInputStream(() -> {
            try {
                return spooled.getMessageInputStream();
            } catch (MessagingException e) {
                throw new IOException("Cannot read spooled mail: " + e.getMessage(), e);
            }
        }));
    }
}
