package com.teaminbox.james.smtp;

import java.util.Optional;

import javax.inject.Inject;
import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.ticket.OutgoingConvention;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedSenders;

/**
 * Refuses, during the SMTP dialogue, mail written as a shared mailbox whose subject breaks that
 * mailbox's convention in {@code reject} mode: the member's client shows the 550 at once and the
 * mail is not sent — better than a bounce an hour later. Other modes are the
 * {@code EnforceOutgoingSubject} mailet's.
 * <pre>{@code
 * <!-- smtpserver.xml, submission server -->
 * <handlerchain>
 *   <handler class="com.teaminbox.james.smtp.OutgoingSubjectHook"/>
 *   <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class OutgoingSubjectHook implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(OutgoingSubjectHook.class);

    private final ConfigurationInForce configurationStore;
    private final SmtpAudit audit;

    @Inject
    public OutgoingSubjectHook(ConfigurationInForce configurationStore, SmtpAudit audit) {
        this.configurationStore = configurationStore;
        this.audit = audit;
    }

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            return SharedSenders.fromHeader(configurationStore.current(), message)
                .map(sharedMailbox -> check(session, sharedMailbox, MessageHeaders.subject(message), MessageHeaders.first(message, "Message-ID")))
                .orElse(HookResult.DECLINED);
        } catch (MessagingException e) {
            // An unreadable message is not ours to judge; the rest of the chain decides.
            return HookResult.DECLINED;
        }
    }

    private HookResult check(SMTPSession session, SharedMailbox sharedMailbox, String subject, Optional<String> messageId) {
        SubjectConventions conventions = sharedMailbox.subjectConventions();
        if (conventions.outgoing().isEmpty()) {
            return HookResult.DECLINED;
        }
        OutgoingConvention convention = conventions.outgoing().get();
        if (convention.mode() != OutgoingConvention.Mode.REJECT
            || convention.conforms(subject, conventions.tagFormat(), sharedMailbox.ticketPrefix())) {
            return HookResult.DECLINED;
        }
        String expected = convention.expectedFormat(conventions.tagFormat(), sharedMailbox.ticketPrefix());
        LOGGER.info("Refused mail from {} as {}: subject breaks the convention", session.getUsername(),
            sharedMailbox.address().asString());
        audit.refusal(AuditEvent.of(AuditEventType.SUBJECT_REJECTED, SmtpAudit.actor(SmtpRefusals.authenticatedMember(session)))
            .sharedMailbox(sharedMailbox.address().asString()).messageId(messageId.map(String::strip))
            .decision("rejected").reason("subject breaks the convention; expected: " + expected).build());
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("550")
            .smtpDescription("5.7.1 Mail sent as " + sharedMailbox.address().asString() + " must follow its subject convention: "
                + expected)
            .build();
    }
}
