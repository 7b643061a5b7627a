package com.teaminbox.james.sla;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.TicketSubjects;
import com.teaminbox.james.common.MailSession;

/**
 * The mails SLA escalations send: one per recipient and pass, listing every ticket that needs
 * her. Machine-written (RFC 3834 {@code Auto-Submitted: auto-generated}) with a null envelope
 * sender, so that no autoresponder answers them.
 */
public class SlaDigests {
    private static final Logger LOGGER = LoggerFactory.getLogger(SlaDigests.class);

    private final MailetContext mailetContext;

    @Inject
    public SlaDigests(MailetContext mailetContext) {
        this.mailetContext = mailetContext;
    }

    public Digest start(SharedMailbox sharedMailbox) {
        return new Digest(sharedMailbox);
    }

    /** The lines gathered for each recipient during one pass. */
    public final class Digest {
        private final SharedMailbox sharedMailbox;
        private final Map<MailAddress, List<String>> lines = new LinkedHashMap<>();

        private Digest(SharedMailbox sharedMailbox) {
            this.sharedMailbox = sharedMailbox;
        }

        public void add(MailAddress recipient, String line) {
            lines.computeIfAbsent(recipient, any -> new ArrayList<>()).add(line);
        }

        /** One mail per recipient; a failure is logged (the stages are recorded in the trail), never thrown. */
        public void send() {
            lines.forEach(this::send);
        }

        private void send(MailAddress recipient, List<String> items) {
            String subject = items.size() == 1
                ? "[" + sharedMailbox.address().asString() + "] SLA: " + items.get(0)
                : "[" + sharedMailbox.address().asString() + "] SLA: " + items.size() + " tickets need you";
            try {
                MimeMessage message = new MimeMessage(MailSession.SHARED);
                message.setFrom(new InternetAddress(sharedMailbox.address().asString()));
                message.setRecipients(Message.RecipientType.TO, recipient.asString());
                message.setSubject(TicketSubjects.singleLine(subject), StandardCharsets.UTF_8.name());
                message.setHeader("Auto-Submitted", "auto-generated");
                message.setHeader("X-Auto-Response-Suppress", "All");
                message.setText("Response-time targets of " + sharedMailbox.address().asString() + " (docs/sla.md):\r\n\r\n"
                    + String.join("\r\n", items.stream().map(item -> "- " + TicketSubjects.singleLine(item)).toList()) + "\r\n",
                    StandardCharsets.UTF_8.name());
                message.saveChanges();
                mailetContext.sendMail(MailAddress.nullSender(), List.of(recipient), message);
            } catch (MessagingException | RuntimeException e) {
                LOGGER.error("Could not send the SLA digest of {} to {}", sharedMailbox.address().asString(), recipient.asString(), e);
            }
        }
    }
}
