package com.teaminbox.matchers;

import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

import javax.mail.Header;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.teaminbox.core.autoreply.AutoResponseDecision;
import com.teaminbox.core.autoreply.AutoResponseGovernor;
import com.teaminbox.core.autoreply.HeaderFields;
import com.teaminbox.core.autoreply.SuppressionReason;

/**
 * Matches mail that a machine sent: what no automatic response may answer by RFC 3834 section 2
 * and the habits of Pigeonhole's vacation and Exchange — a null reverse-path or
 * {@code Return-Path: <>}, {@code Auto-Submitted} other than {@code no} (any case, with
 * parameters or comments), {@code Precedence: bulk|junk|list}, any {@code List-*} header,
 * {@code X-Auto-Response-Suppress: All|AutoReply|OOF}, system senders (MAILER-DAEMON,
 * postmaster, no-reply, owner-*, *-request) and {@code multipart/report}. It is the detector
 * TeamInbox's acknowledgements use; James's own {@code IsAutoSubmitted} looks at
 * {@code Auto-Submitted} only. Takes no condition.
 * <pre>{@code
 * <mailet match="com.teaminbox.matchers.IsAutomaticReply" class="ToProcessor">
 *   <processor>no-autoresponse</processor>
 * </mailet>
 * }</pre>
 */
public class IsAutomaticReply extends GenericMatcher {
    /** Hostile mail may carry thousands of headers; the rules need only the first ones of each kind. */
    static final int MAX_HEADERS = 2000;
    private static final Set<SuppressionReason> AUTOMATIC = Set.of(SuppressionReason.NULL_REVERSE_PATH,
        SuppressionReason.AUTO_SUBMITTED, SuppressionReason.PRECEDENCE, SuppressionReason.MAILING_LIST,
        SuppressionReason.RESPONSE_SUPPRESSED, SuppressionReason.SYSTEM_SENDER, SuppressionReason.DELIVERY_REPORT);
    /** The governor also asks whether the mail is addressed to a shared mailbox; that last check is not ours here. */
    private static final MailAddress ANY_RECIPIENT = placeholder();

    @Override
    public void init() throws MessagingException {
        if (getCondition() != null && !getCondition().isBlank()) {
            throw new MessagingException("IsAutomaticReply takes no condition; remove '=" + getCondition() + "'");
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        AutoResponseDecision decision = new AutoResponseGovernor(ANY_RECIPIENT, Set.of())
            .decide(mail.getMaybeSender().asOptional(), headers(mail));
        return decision.reason().filter(AUTOMATIC::contains).isPresent() ? mail.getRecipients() : List.of();
    }

    @Override
    public String getMatcherInfo() {
        return "Mail sent by a machine (RFC 3834 section 2: auto-replies, bulk and list mail, bounces, system senders)";
    }

    private static HeaderFields headers(Mail mail) {
        HeaderFields.Builder builder = HeaderFields.builder();
        try {
            Enumeration<Header> headers = mail.getMessage().getAllHeaders();
            for (int count = 0; headers.hasMoreElements() && count < MAX_HEADERS; count++) {
                Header header = headers.nextElement();
                builder.add(header.getName(), header.getValue());
            }
        } catch (MessagingException e) {
            // The fields read so far still decide: an unreadable header block does not make mail human.
        }
        return builder.build();
    }

    private static MailAddress placeholder() {
        try {
            return new MailAddress("recipient@teaminbox.invalid");
        } catch (javax.mail.internet.AddressException e) {
            throw new IllegalStateException(e);
        }
    }
}
