package com.teaminbox.james.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.outgoing.CollisionGuardSettings;
import com.teaminbox.core.outgoing.DataLossAction;
import com.teaminbox.core.outgoing.DataLossFinding;
import com.teaminbox.core.outgoing.OutgoingCare;
import com.teaminbox.core.outgoing.OutgoingScan;
import com.teaminbox.core.outgoing.OutgoingScanner;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedSenders;
import com.teaminbox.james.outgoing.CollisionGuard;
import com.teaminbox.james.outgoing.HeldMails;
import com.teaminbox.james.outgoing.OutgoingNotices;

/**
 * Outgoing care for mail a member sends as a shared mailbox, at the end of DATA on the submission
 * server (docs/outgoing.md): the data-loss checks ({@code refuse} with 550 5.7.1 naming the detector
 * and where, never the value; {@code hold} into a mail repository with a notice to the sender;
 * {@code flag} with {@value #DLP_HEADER}) and the collision guard (a reply on a ticket another member
 * already answered: refused naming who and when, or delivered with {@value #COLLISION_HEADER} in
 * {@code warn} mode). After {@code SharedAddressHeadersHook} (only permitted senders get here) and
 * before {@code CoreCmdHandlerLoader}, whose {@code SendMailHandler} queues the mail:
 * <pre>{@code
 * <handler class="com.teaminbox.james.smtp.OutgoingCareHook"/>
 * }</pre>
 * A held mail is answered {@code 250} by this hook (OK ends the chain, so James does not queue it).
 */
public class OutgoingCareHook implements JamesMessageHook {
    public static final String DLP_HEADER = "X-TeamInbox-DLP";
    public static final String COLLISION_HEADER = "X-TeamInbox-Collision";
    private static final Logger LOGGER = LoggerFactory.getLogger(OutgoingCareHook.class);

    private final ConfigurationInForce configurationStore;
    private final SmtpAudit audit;
    private final CollisionGuard collisionGuard;
    private final HeldMails heldMails;
    private final OutgoingNotices notices;

    @Inject
    public OutgoingCareHook(ConfigurationInForce configurationStore, SmtpAudit audit, CollisionGuard collisionGuard,
                            HeldMails heldMails, OutgoingNotices notices) {
        this.configurationStore = configurationStore;
        this.audit = audit;
        this.collisionGuard = collisionGuard;
        this.heldMails = heldMails;
        this.notices = notices;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        Optional<MailAddress> member = SmtpRefusals.authenticatedMember(session);
        if (member.isEmpty()) {
            return HookResult.DECLINED;
        }
        try {
            MimeMessage message = mail.getMessage();
            Optional<SharedMailbox> sharedMailbox = SharedSenders.fromHeader(configurationStore.current(), message)
                .filter(mailbox -> mailbox.outgoingCare().isEnabled());
            if (sharedMailbox.isEmpty()) {
                return HookResult.DECLINED;
            }
            return check(session, mail, message, sharedMailbox.get(), member.get());
        } catch (MessagingException | IOException | MailboxException e) {
            // The checks could not run: a temporary answer, so that the member's client tries again and nothing unchecked leaves.
            LOGGER.warn("Outgoing checks failed for mail {} of {}: {}", mail.getName(), member.get().asString(), e.toString());
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode(SmtpAudit.TEMPORARY_FAILURE)
                .smtpDescription("4.3.0 Temporary local problem: the outgoing checks could not run; please try again later")
                .build();
        }
    }

    private HookResult check(SMTPSession session, Mail mail, MimeMessage message, SharedMailbox sharedMailbox, MailAddress member)
        throws MessagingException, IOException, MailboxException {
        OutgoingCare care = sharedMailbox.outgoingCare();
        OutgoingScan scan;
        try (InputStream raw = new MimeMessageInputStream(message)) {
            scan = new OutgoingScanner(care.dataLoss()).scan(raw);
        }
        Optional<String> messageId = MessageHeaders.first(message, "Message-ID").map(String::strip);
        List<DataLossFinding> refused = scan.findings(DataLossAction.REFUSE);
        if (!refused.isEmpty()) {
            String found = describe(refused);
            audit.refusal(event(AuditEventType.DATA_LOSS_REFUSED, sharedMailbox, member, mail, messageId)
                .decision("refused").reason(found).build());
            return SmtpRefusals.refusal("Not sent: the data-loss checks of " + sharedMailbox.address().asString() + " found " + found
                + "; remove it and send again");
        }
        Optional<CollisionGuard.Collision> collision = collisionGuard.check(sharedMailbox, member, mail.getRecipients(), message,
            scan.bodyDigest());
        if (collision.isPresent()) {
            Optional<HookResult> answer = collide(sharedMailbox, member, mail, message, messageId, collision.get(), scan.bodyDigest());
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        List<DataLossFinding> held = scan.findings(DataLossAction.HOLD);
        if (!held.isEmpty()) {
            return hold(session, mail, sharedMailbox, member, messageId, describe(held));
        }
        List<DataLossFinding> flagged = scan.findings(DataLossAction.FLAG);
        if (!flagged.isEmpty()) {
            String found = describe(flagged);
            message.setHeader(DLP_HEADER, found);
            MessageHeaders.saveHeaderChanges(message, mail.getName());
            Optional<HookResult> unaudited = audit.acceptance(event(AuditEventType.DATA_LOSS_FLAGGED, sharedMailbox, member, mail, messageId)
                .decision("flagged").reason(found).build());
            if (unaudited.isPresent()) {
                return unaudited.get();
            }
        }
        return HookResult.DECLINED;
    }

    /** Empty: deliver (a resend, or warn mode). */
    private Optional<HookResult> collide(SharedMailbox sharedMailbox, MailAddress member, Mail mail, MimeMessage message,
                                         Optional<String> messageId, CollisionGuard.Collision collision, String bodyDigest)
        throws MessagingException {
        if (collision.resend()) {
            return audit.acceptance(collisionEvent(AuditEventType.COLLISION_RESENT, sharedMailbox, member, mail, messageId, collision)
                .decision("accepted").reason("sent again within the resend window: " + collision.wording()).build());
        }
        CollisionGuardSettings settings = collision.settings();
        if (settings.mode() == CollisionGuardSettings.Mode.WARN) {
            message.setHeader(COLLISION_HEADER, collision.ticket() + " answered by " + collision.first().member() + " at "
                + collision.first().at());
            MessageHeaders.saveHeaderChanges(message, mail.getName());
            Optional<HookResult> unaudited = audit.acceptance(collisionEvent(AuditEventType.COLLISION_WARNED, sharedMailbox, member, mail,
                messageId, collision).decision("warned").reason(collision.wording()).build());
            if (unaudited.isEmpty()) {
                tellFirstReplier(sharedMailbox, member, collision);
            }
            return unaudited;
        }
        collisionGuard.refused(sharedMailbox, collision, member, message, bodyDigest);
        audit.refusal(collisionEvent(AuditEventType.COLLISION_REFUSED, sharedMailbox, member, mail, messageId, collision)
            .decision("refused").reason(collision.wording()).build());
        LOGGER.debug("Refused reply of {} on {}: {}", member.asString(), collision.ticket(), collision.wording());
        return Optional.of(HookResult.builder()
            .hookReturnCode(settings.answer() == CollisionGuardSettings.Answer.PERMANENT ? HookReturnCode.deny() : HookReturnCode.denySoft())
            .smtpReturnCode(settings.answer().replyCode())
            .smtpDescription(settings.answer().enhancedStatus() + " " + collision.wording() + "; resend to reply anyway")
            .build());
    }

    private static AuditEvent.Builder collisionEvent(AuditEventType type, SharedMailbox sharedMailbox, MailAddress member,
                                       Mail mail, Optional<String> messageId, CollisionGuard.Collision collision) {
        return event(type, sharedMailbox, member, mail, messageId)
            .ticket(collision.ticket().toString())
            .detail("firstReplier", collision.first().member())
            .detail("firstReplyAt", collision.first().at().toString());
    }

    private void tellFirstReplier(SharedMailbox sharedMailbox, MailAddress member, CollisionGuard.Collision collision) {
        try {
            notices.send(sharedMailbox, new MailAddress(collision.first().member()), "[" + collision.ticket() + "] " + member.asString()
                    + " also replied",
                member.asString() + " sent a reply on " + collision.ticket() + " of " + sharedMailbox.address().asString()
                    + " after yours (" + collision.first().at() + ").\r\nBoth replies went to the customer.\r\n");
        } catch (MessagingException e) {
            // The reply is delivered and audited; the courtesy notice is not worth refusing it.
            LOGGER.warn("Could not tell {} about the second reply on {}: {}", collision.first().member(), collision.ticket(), e.toString());
        }
    }

    private HookResult hold(SMTPSession session, Mail mail, SharedMailbox sharedMailbox, MailAddress member, Optional<String> messageId,
                            String found) throws MessagingException {
        // The reply's send-accepted waits with the mail: it is written if an administrator releases it.
        String key = heldMails.hold(sharedMailbox, mail, member, found, session.getRemoteAddress().getAddress().getHostAddress(),
            session.getRemoteAddress().getHostString(), PendingAcceptance.take(session)).asString();
        Optional<HookResult> unaudited = audit.acceptance(event(AuditEventType.DATA_LOSS_HELD, sharedMailbox, member, mail, messageId)
            .decision("held").reason(found).detail("heldKey", key).build());
        if (unaudited.isPresent()) {
            heldMails.discard(sharedMailbox, key);
            return unaudited.get();
        }
        try {
            notices.send(sharedMailbox, member, "Held for review: your mail as " + sharedMailbox.address().asString(),
                "Your mail as " + sharedMailbox.address().asString() + " to "
                    + mail.getRecipients().stream().map(MailAddress::asString).collect(Collectors.joining(", "))
                    + messageId.map(id -> " (" + id + ")").orElse("") + " is held for review: the data-loss checks found " + found
                    + ".\r\nAn administrator will release it (it is then delivered as you sent it) or discard it.\r\n");
        } catch (MessagingException e) {
            // The SMTP reply tells the member too; the mail is safe in the repository.
            LOGGER.warn("Could not send the held-mail notice to {}: {}", member.asString(), e.toString());
        }
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.ok())
            .smtpReturnCode("250")
            .smtpDescription("2.6.0 Accepted and held for review by " + sharedMailbox.address().asString() + ": " + found
                + " (a notice follows)")
            .build();
    }

    private static AuditEvent.Builder event(AuditEventType type, SharedMailbox sharedMailbox, MailAddress member, Mail mail,
                                            Optional<String> messageId) {
        return AuditEvent.of(type, SmtpAudit.actor(Optional.of(member)))
            .sharedMailbox(sharedMailbox.address().asString())
            .messageId(messageId)
            .detail("stage", "DATA")
            .detail("recipients", mail.getRecipients().size());
    }

    private static String describe(List<DataLossFinding> findings) {
        return findings.stream().map(DataLossFinding::describe).collect(Collectors.joining(", "));
    }
}
