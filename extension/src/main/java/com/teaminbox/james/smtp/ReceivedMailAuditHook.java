package com.teaminbox.james.smtp;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sending.SharedAddresses;
import com.teaminbox.james.audit.MailEvents;

/**
 * Records {@code mail-received} for every shared mailbox a mail is addressed to, at the end of
 * DATA and before James queues it. When the trail cannot take the record under
 * {@code on-failure="defer"}, the client gets {@code 451 4.3.0} and retries: no mail is accepted
 * unaudited, none is lost. Last of our hooks, before {@code CoreCmdHandlerLoader}, so that a mail
 * our other hooks refuse is not recorded as received; for the same reason it writes the
 * {@code send-accepted} record {@code SharedAddressHeadersHook} held ({@code PendingAcceptance}):
 * <pre>{@code
 * <handler class="com.teaminbox.james.smtp.ReceivedMailAuditHook"/>
 * <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * }</pre>
 * An answer other than DECLINED would end the chain before James's SendMailHandler queues the mail.
 */
public class ReceivedMailAuditHook implements JamesMessageHook {
    private final SharedAddressesInForce sharedAddresses;
    private final SmtpAudit audit;

    @Inject
    public ReceivedMailAuditHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.sharedAddresses = new SharedAddressesInForce(configurationStore);
        this.audit = audit;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<HookResult> notAccepted = PendingAcceptance.take(session).flatMap(audit::acceptance);
        if (notAccepted.isPresent()) {
            return notAccepted.get();
        }
        Set<SharedMailbox> addressed = addressed(mail);
        if (addressed.isEmpty()) {
            return HookResult.DECLINED;
        }
        String remoteAddress = session.getRemoteAddress().getAddress().getHostAddress();
        long size = size(mail);
        for (SharedMailbox sharedMailbox : addressed) {
            Optional<HookResult> deferred = audit.acceptance(MailEvents.received(mail, sharedMailbox)
                .decision("accepted")
                .detail("size", size)
                .detail("remoteAddress", remoteAddress)
                .build());
            if (deferred.isPresent()) {
                return deferred.get();
            }
        }
        return HookResult.DECLINED;
    }

    /** The shared mailboxes among the recipients, once each, in the order first named. */
    private Set<SharedMailbox> addressed(Mail mail) {
        SharedAddresses ours = sharedAddresses.current();
        Set<SharedMailbox> addressed = new LinkedHashSet<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Optional<SharedMailbox> sharedMailbox = ours.find(recipient);
            if (sharedMailbox.isPresent()) {
                addressed.add(sharedMailbox.get());
            }
        }
        return addressed;
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (Exception e) {
            return -1;
        }
    }
}
