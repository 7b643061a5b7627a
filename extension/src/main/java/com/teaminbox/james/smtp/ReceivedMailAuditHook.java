package com.teaminbox.james.smtp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.audit.MailEvents;
import com.teaminbox.james.common.SharedMailboxRecipients;

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
    private final ConfigurationInForce configurationStore;
    private final SmtpAudit audit;

    @Inject
    public ReceivedMailAuditHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.configurationStore = configurationStore;
        this.audit = audit;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<HookResult> notAccepted = PendingAcceptance.take(session).flatMap(audit::acceptance);
        if (notAccepted.isPresent()) {
            return notAccepted.get();
        }
        Map<SharedMailbox, List<MailAddress>> groups = SharedMailboxRecipients.group(configurationStore.current(), mail.getRecipients());
        for (SharedMailbox sharedMailbox : groups.keySet()) {
            Optional<HookResult> deferred = audit.acceptance(MailEvents.received(mail, sharedMailbox)
                .decision("accepted")
                .detail("size", size(mail))
                .detail("remoteAddress", session.getRemoteAddress().getAddress().getHostAddress())
                .build());
            if (deferred.isPresent()) {
                return deferred.get();
            }
        }
        return HookResult.DECLINED;
    }

    private static long size(Mail mail) {
        try {
            return mail.getMessageSize();
        } catch (Exception e) {
            return -1;
        }
    }
}
