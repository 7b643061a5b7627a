package com.teaminbox.james.autoreply;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.autoreply.ReplyThreading;
import com.teaminbox.core.autoreply.ResponseTemplate;
import com.teaminbox.core.autoreply.Template;
import com.teaminbox.core.autoreply.TemplateVariable;
import com.teaminbox.james.common.MailSession;
import com.teaminbox.james.common.MessageHeaders;

/**
 * The acknowledgement as a MIME message: the headers RFC 3834 section 3 asks of an automatic
 * response, plain text with an optional HTML alternative. Every header value is either ours or
 * passed through javax.mail's encoders ({@code setSubject} with a charset encodes and folds; an
 * {@link InternetAddress} personal name is encoded), so a customer's text cannot add a header.
 */
public final class AcknowledgementMessage {
    public static final String AUTO_SUBMITTED = "Auto-Submitted";
    public static final String AUTO_RESPONSE_SUPPRESS = "X-Auto-Response-Suppress";

    private AcknowledgementMessage() {
    }

    public static MimeMessage build(MailAddress from, Optional<String> fromName, MailAddress to, String subject,
                                    ReplyThreading threading, ResponseTemplate template, Map<TemplateVariable, String> values,
                                    Instant now) throws MessagingException {
        MimeMessage message = new MimeMessage(MailSession.SHARED);
        message.setFrom(address(from, fromName));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.asString()));
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        MessageHeaders.setDate(message, now);
        // RFC 3834 section 5: marks the response so that other responders stay silent.
        message.setHeader(AUTO_SUBMITTED, "auto-replied");
        // Exchange and Outlook answer nothing to a mail that carries this.
        message.setHeader(AUTO_RESPONSE_SUPPRESS, "All");
        threading.inReplyTo().ifPresent(id -> setHeader(message, "In-Reply-To", id));
        threading.references().ifPresent(ids -> setHeader(message, "References", ids));
        message.setHeader("Content-Language", template.language());
        String text = withCrlf(template.text().render(values, Template.Escaping.PLAIN_TEXT, template.incomingText()));
        if (template.html().isPresent()) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(withCrlf(template.html().get().render(values, Template.Escaping.HTML, template.incomingText())),
                StandardCharsets.UTF_8.name(), "html");
            message.setContent(new MimeMultipart("alternative", plain, html));
        } else {
            message.setText(text, StandardCharsets.UTF_8.name());
        }
        message.saveChanges();
        return message;
    }

    /** Template files may end lines with LF alone; a message body ends them with CRLF (RFC 5322 section 2.3). */
    private static String withCrlf(String text) {
        return text.replaceAll("\r?\n", "\r\n");
    }

    private static InternetAddress address(MailAddress address, Optional<String> name) throws MessagingException {
        try {
            return new InternetAddress(address.asString(), name.orElse(null), StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 is always supported", e);
        }
    }

    private static void setHeader(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot set " + name, e);
        }
    }
}
