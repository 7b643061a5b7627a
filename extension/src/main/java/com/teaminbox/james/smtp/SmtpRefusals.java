package com.teaminbox.james.smtp;

import java.util.Optional;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;

import com.teaminbox.core.sending.SendDecision;

/** What our SMTP hooks share: who is authenticated, and how a refusal is worded on the wire. */
final class SmtpRefusals {
    /** RFC 5321 "mailbox unavailable / not allowed", RFC 3463 5.7.1 "delivery not authorized". */
    static final String REPLY_CODE = "550";
    static final String ENHANCED_STATUS = "5.7.1";

    private SmtpRefusals() {
    }

    /** The authenticated user as an address; empty before AUTH, or for a user name without a domain. */
    static Optional<MailAddress> authenticatedMember(SMTPSession session) {
        Username username = session.getUsername();
        if (username == null || !username.hasDomainPart()) {
            return Optional.empty();
        }
        try {
            return Optional.of(username.asMailAddress());
        } catch (AddressException e) {
            return Optional.empty();
        }
    }

    static String describe(Optional<MailAddress> member) {
        return member.map(MailAddress::asString).orElse("an unauthenticated client");
    }

    static HookResult refusal(String reason) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode(REPLY_CODE)
            .smtpDescription(ENHANCED_STATUS + " " + reason)
            .build();
    }

    static HookResult refusal(SendDecision decision) {
        return refusal(decision.reason().orElseThrow());
    }
}
