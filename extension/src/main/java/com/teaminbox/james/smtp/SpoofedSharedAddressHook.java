package com.teaminbox.james.smtp;

import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.mailbox.SpoofedFromPolicy;
import com.teaminbox.core.sending.AuthorHeaders;
import com.teaminbox.core.sending.SharedAddresses;
import com.teaminbox.james.common.MessageHeaders;

/**
 * On the incoming server, mail that has not authenticated and claims to come from a shared
 * mailbox of ours (its address in {@code MAIL FROM}, or shown in {@code From:}, {@code Sender:},
 * {@code Resent-From:} or {@code Resent-Sender:}, read as the submission check reads them) is a
 * spoof of our own address: members send on the submission server, and acknowledgements and
 * notifications are sent by mailets, never over SMTP. Each shared mailbox's {@code spoofed-from}
 * decides: {@code refuse} (the default) answers {@code 550 5.7.1} at {@code MAIL FROM} or at the
 * end of DATA, and records {@code send-refused}; {@code mark} delivers the mail with
 * {@code X-TeamInbox-Spoofed: <shared address>} (a copy of that header sent by the client is
 * removed first, so that it only ever says what we found). For the incoming server's chain,
 * before {@code ReceivedMailAuditHook} and {@code CoreCmdHandlerLoader}:
 * <pre>{@code
 * <handler class="com.teaminbox.james.smtp.SpoofedSharedAddressHook"/>
 * }</pre>
 */
public class SpoofedSharedAddressHook implements MailHook, JamesMessageHook {
    public static final String MARK_HEADER = "X-TeamInbox-Spoofed";
    private static final Logger LOGGER = LoggerFactory.getLogger(SpoofedSharedAddressHook.class);

    /** What the check reads, in one walk over the header block: the author headers, then our mark. */
    private static final String[] READ = Stream.concat(AuthorHeaders.NAMES.stream(), Stream.of(MARK_HEADER)).toArray(String[]::new);
    private static final int MARK = READ.length - 1;

    private final SharedAddressesInForce sharedAddresses;
    private final SmtpAudit audit;

    @Inject
    public SpoofedSharedAddressHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.sharedAddresses = new SharedAddressesInForce(configurationStore);
        this.audit = audit;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (isAuthenticated(session)) {
            return HookResult.DECLINED;
        }
        Optional<MailAddress> envelopeSender = sender.asOptional();
        if (envelopeSender.isEmpty()) {
            return HookResult.DECLINED;
        }
        Optional<SharedMailbox> claimed = sharedAddresses.current().find(envelopeSender.get());
        if (claimed.isPresent() && claimed.get().spoofedFrom() == SpoofedFromPolicy.REFUSE) {
            return refuse(session, claimed.get(), "MAIL FROM", Optional.empty());
        }
        return HookResult.DECLINED;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (isAuthenticated(session)) {
            return HookResult.DECLINED;
        }
        SharedAddresses ours = sharedAddresses.current();
        try {
            MimeMessage message = mail.getMessage();
            String[] values = read(message);
            // Loops, not Optional and stream chains: every incoming mail passes here (issue 18).
            Set<SharedMailbox> claimed = new LinkedHashSet<>();
            Optional<MailAddress> envelopeSender = mail.getMaybeSender().asOptional();
            if (envelopeSender.isPresent()) {
                addIfPresent(claimed, ours.find(envelopeSender.get()));
            }
            for (int header = 0; header < MARK; header++) {
                if (values[header] != null) {
                    ours.addShown(values[header], claimed);
                }
            }
            for (SharedMailbox sharedMailbox : claimed) {
                if (sharedMailbox.spoofedFrom() == SpoofedFromPolicy.REFUSE) {
                    return refuse(session, sharedMailbox, "DATA", MessageHeaders.first(message, "Message-ID").map(String::strip));
                }
            }
            mark(mail, message, values[MARK] != null, claimed);
            return HookResult.DECLINED;
        } catch (MessagingException e) {
            // Unreadable author headers: the reader's client cannot show them as ours either.
            LOGGER.debug("Mail {} with unreadable headers left to the rest of the chain: {}", mail.getName(), e.getMessage());
            return HookResult.DECLINED;
        }
    }

    /**
     * The values of {@link #READ}, each header's occurrences joined with commas as
     * {@code getHeader(name, ",")} joins them; null for a header the mail does not have. One walk
     * over the header block instead of one per header name.
     */
    private static String[] read(MimeMessage message) throws MessagingException {
        String[] values = new String[READ.length];
        Enumeration<Header> headers = message.getMatchingHeaders(READ);
        while (headers.hasMoreElements()) {
            Header header = headers.nextElement();
            for (int index = 0; index < READ.length; index++) {
                if (READ[index].equalsIgnoreCase(header.getName())) {
                    values[index] = values[index] == null ? header.getValue() : values[index] + "," + header.getValue();
                    break;
                }
            }
        }
        return values;
    }

    private static void addIfPresent(Set<SharedMailbox> claimed, Optional<SharedMailbox> sharedMailbox) {
        if (sharedMailbox.isPresent()) {
            claimed.add(sharedMailbox.get());
        }
    }

    private static void mark(Mail mail, MimeMessage message, boolean sentByClient, Set<SharedMailbox> claimed) throws MessagingException {
        if (!sentByClient && claimed.isEmpty()) {
            return;
        }
        message.removeHeader(MARK_HEADER);
        if (!claimed.isEmpty()) {
            StringJoiner addresses = new StringJoiner(", ");
            for (SharedMailbox sharedMailbox : claimed) {
                addresses.add(sharedMailbox.address().asString());
            }
            message.setHeader(MARK_HEADER, addresses.toString());
        }
        MessageHeaders.saveHeaderChanges(message, mail.getName());
    }

    private HookResult refuse(SMTPSession session, SharedMailbox sharedMailbox, String stage, Optional<String> messageId) {
        String address = sharedMailbox.address().asString();
        String remote = session.getRemoteAddress().getAddress().getHostAddress();
        // Per-mail detail at DEBUG: the audit record is the trace, and a spoofer can repeat at will.
        LOGGER.debug("Refused unauthenticated mail from {} claiming {} at {}", remote, address, stage);
        audit.refusal(AuditEvent.of(AuditEventType.SEND_REFUSED, AuditActor.externalSender("unauthenticated"))
            .sharedMailbox(address).messageId(messageId).decision("refused").reason("spoofed shared address")
            .detail("stage", stage).detail("remoteAddress", remote).build());
        return SmtpRefusals.refusal(address + " is a shared mailbox of this server: mail from it does not arrive "
            + "from outside (spoofed sender)");
    }

    private static boolean isAuthenticated(SMTPSession session) {
        return session.getUsername() != null;
    }
}
