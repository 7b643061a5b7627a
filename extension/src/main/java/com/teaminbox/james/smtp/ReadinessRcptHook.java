package com.teaminbox.james.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

import com.teaminbox.james.provisioning.ExtensionReadiness;

/**
 * Answers {@code 451 4.3.2} to every {@code RCPT TO} until TeamInbox is ready on this node (its
 * configuration read and every shared mailbox provisioned, see {@link ExtensionReadiness}).
 * James opens its SMTP ports before our start-up runs; in between, {@code ValidRcptHandler} would
 * refuse a shared address with {@code 550 5.1.1 Unknown user}, and the sender's server would
 * bounce the customer's mail for good. A 4xx makes it try again (RFC 5321 section 4.2.5); 4.3.2
 * is "system not accepting network messages" (RFC 3463). Every recipient, not only shared
 * addresses: before the configuration is read, nobody can tell which are. First in the handler
 * chain of every SMTP server, before {@code ValidRcptHandler}:
 * <pre>{@code
 * <handler class="com.teaminbox.james.smtp.ReadinessRcptHook"/>
 * <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 * }</pre>
 */
public class ReadinessRcptHook implements RcptHook {
    static final String REPLY_CODE = "451";
    static final String DESCRIPTION = "4.3.2 The server is starting; please try again in a few minutes";

    private static final HookResult NOT_READY = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode(REPLY_CODE)
        .smtpDescription(DESCRIPTION)
        .build();

    private final ExtensionReadiness readiness;

    @Inject
    public ReadinessRcptHook(ExtensionReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress rcpt) {
        return readiness.isReady() ? HookResult.DECLINED : NOT_READY;
    }
}
