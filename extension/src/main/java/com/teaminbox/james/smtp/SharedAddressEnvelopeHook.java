package com.teaminbox.james.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.sending.SendDecision;
import com.teaminbox.core.sending.SendRules;

/**
 * Checks {@code MAIL FROM:<shared address>} against the member's role (see {@link SendRules}) and
 * answers {@code 550 5.7.1} during the dialogue when the role does not allow it. For the submission
 * server's handler chain, after {@code ValidRcptHandler} and before {@code CoreCmdHandlerLoader}:
 * <pre>{@code
 * <handler class="com.teaminbox.james.smtp.SharedAddressEnvelopeHook"/>
 * }</pre>
 *
 * <p>Why it also hooks RCPT: James's {@code SenderAuthIdentifyVerificationHook} (on with
 * {@code <verifyIdentity>true</verifyIdentity>}) refuses any {@code MAIL FROM} that is not the
 * authenticated user, at MAIL and again at every RCPT. Answering OK at both steps for an allowed
 * member is how James lets a hook take over a check; an OK comes only after AUTH, so relaying
 * stays restricted to authenticated users. Mail not involving a shared address is left to James.
 */
public class SharedAddressEnvelopeHook implements MailHook, RcptHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedAddressEnvelopeHook.class);

    private final ConfigurationInForce configurationStore;
    private final SmtpAudit audit;

    @Inject
    public SharedAddressEnvelopeHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.configurationStore = configurationStore;
        this.audit = audit;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        Optional<MailAddress> member = SmtpRefusals.authenticatedMember(session);
        SendDecision decision = decide(member, sender);
        if (decision.outcome() != SendDecision.Outcome.NO_SHARED_ADDRESS) {
            LOGGER.info("MAIL FROM:<{}> by {}: {}", sender.asString(), SmtpRefusals.describe(member), decision);
        }
        if (decision.isRefused()) {
            // Acceptance is recorded once, at the end of DATA, with the Message-ID (SharedAddressHeadersHook).
            audit.refusal(AuditEvent.of(AuditEventType.SEND_REFUSED, SmtpAudit.actor(member))
                .sharedMailbox(sender.asString()).decision("refused").reason(decision.reason().orElse(""))
                .detail("stage", "MAIL FROM").build());
        }
        return asHookResult(decision);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return asHookResult(decide(SmtpRefusals.authenticatedMember(session), sender));
    }

    private SendDecision decide(Optional<MailAddress> member, MaybeSender sender) {
        return new SendRules(configurationStore.current()).envelope(member, sender.asOptional());
    }

    private static HookResult asHookResult(SendDecision decision) {
        switch (decision.outcome()) {
            case ACCEPTED:
                return HookResult.OK;
            case REFUSED:
                return SmtpRefusals.refusal(decision);
            default:
                return HookResult.DECLINED;
        }
    }
}
