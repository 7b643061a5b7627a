package com.teaminbox.james.smtp;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;
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
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.sending.AuthorHeaders;
import com.teaminbox.core.mailbox.SpoofedFromPolicy;
import com.teaminbox.james.common.HeaderAddresses;
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

    private final ConfigurationInForce configurationStore;
    private final SmtpAudit audit;

    @Inject
    public SpoofedSharedAddressHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.configurationStore = configurationStore;
        this.audit = audit;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        if (isAuthenticated(session)) {
            return HookResult.DECLINED;
        }
        Optional<SharedMailbox> claimed = sender.asOptional().flatMap(configurationStore.current()::find)
            .filter(sharedMailbox -> sharedMailbox.spoofedFrom() == SpoofedFromPolicy.REFUSE);
        return claimed.map(sharedMailbox -> refuse(session, sharedMailbox, "MAIL FROM", Optional.empty()))
            .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        if (isAuthenticated(session)) {
            return HookResult.DECLINED;
        }
        SharedMailboxesConfiguration configuration = configurationStore.current();
        try {
            MimeMessage message = mail.getMessage();
            Set<SharedMailbox> claimed = new LinkedHashSet<>();
            mail.getMaybeSender().asOptional().flatMap(configuration::find).ifPresent(claimed::add);
            for (String header : AuthorHeaders.NAMES) {
                HeaderAddresses.of(message, header).forEach(address -> configuration.find(address).ifPresent(claimed::add));
            }
            Optional<SharedMailbox> refused = claimed.stream()
                .filter(sharedMailbox -> sharedMailbox.spoofedFrom() == SpoofedFromPolicy.REFUSE).findFirst();
            if (refused.isPresent()) {
                return refuse(session, refused.get(), "DATA", MessageHeaders.first(message, "Message-ID").map(String::strip));
            }
            mark(mail, message, claimed.stream().map(sharedMailbox -> sharedMailbox.address().asString()).toList());
            return HookResult.DECLINED;
        } catch (MessagingException e) {
            // Unreadable author headers: the reader's client cannot show them as ours either.
            LOGGER.debug("Mail {} with unreadable headers left to the rest of the chain: {}", mail.getName(), e.getMessage());
            return HookResult.DECLINED;
        }
    }

    private static void mark(Mail mail, MimeMessage message, List<String> claimed) throws MessagingException {
        boolean sentByClient = message.getHeader(MARK_HEADER) != null;
        if (!sentByClient && claimed.isEmpty()) {
            return;
        }
        message.removeHeader(MARK_HEADER);
        if (!claimed.isEmpty()) {
            message.setHeader(MARK_HEADER, String.join(", ", claimed));
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
