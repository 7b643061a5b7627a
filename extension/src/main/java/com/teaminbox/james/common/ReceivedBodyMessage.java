package com.teaminbox.james.common;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageWrapper;

import com.sun.mail.util.LineInputStream;

/**
 * A spooled message whose body was not changed, to read (never to change): its headers as they
 * stand now, its body straight from the bytes James received. Reading the body of James's own
 * {@link MimeMessageWrapper} makes it parse the whole message again ({@code loadMessage}: the
 * headers once more, and the body copied into an array, which James's in-memory source hands as a
 * plain stream); nothing else of the pipeline reads the body, so that was work the rules alone
 * added to each mail. Each read of the body reads the received bytes again from the start.
 */
final class ReceivedBodyMessage extends MimeMessage {
    private static final byte[] NO_HEADERS = {'\r', '\n'};

    private final MimeMessageWrapper spooled;

    ReceivedBodyMessage(MimeMessageWrapper spooled) throws MessagingException {
        super(MailSession.SHARED);
        this.spooled = spooled;
        // Not new InternetHeaders(): it holds placeholders for Return-Path, Received and others.
        headers = new InternetHeaders(new ByteArrayInputStream(NO_HEADERS));
        Enumeration<String> lines = spooled.getAllHeaderLines();
        while (lines.hasMoreElements()) {
            headers.addHeaderLine(lines.nextElement());
        }
    }

    /**
     * The message's bytes, headers as they stand now then the body as received
     * ({@link MimeMessageWrapper#getMessageInputStream()}), past the headers: read line by line up to
     * the first empty one, as javax.mail's own parse does (a line ends at CR LF, LF or a lone CR).
     */
    @Override
    protected InputStream getContentStream() throws MessagingException {
        InputStream message = spooled.getMessageInputStream();
        try {
            LineInputStream lines = new LineInputStream(message);
            String line;
            do {
                line = lines.readLine();
            } while (line != null && !line.isEmpty());
            return lines;
        } catch (IOException e) {
            try {
                message.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new MessagingException("Cannot read the received message", e);
        }
    }
}
