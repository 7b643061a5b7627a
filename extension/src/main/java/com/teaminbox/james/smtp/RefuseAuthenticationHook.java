package com.teaminbox.james.smtp;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses every {@code AUTH} on the server whose handler chain names it: the incoming (port 25)
 * server, where mail comes from the outside world and no member submits.
 *
 * <p>Why a hook: James 3.8.1 accepts {@code AUTH PLAIN} and {@code AUTH LOGIN} even with
 * {@code <announce>never</announce>} (announcing only decides whether EHLO lists AUTH), and an
 * authenticated client may relay; on a server without our sending hooks it could then send
 * {@code From:} a shared mailbox with no send record and no {@code Sent} copy. James's
 * {@code AuthCmdHandler} asks its {@code AuthHook}s in the order of the chain and stops at the
 * first that answers OK, DENY or DENYSOFT; the session user is only set by a hook that answers OK
 * ({@code UsersRepositoryAuthHook}, loaded by {@code CoreCmdHandlerLoader}). Placed before
 * {@code CoreCmdHandlerLoader}, this hook answers DENY first, for every mechanism
 * ({@code PLAIN}, {@code LOGIN}, a PLAIN authorization identity, {@code OAUTHBEARER}/{@code XOAUTH2}),
 * before any password is checked: the reply tells nothing about the credentials.
 * <pre>{@code
 * <!-- smtpserver.xml, incoming server -->
 * <handlerchain>
 *   <handler class="com.teaminbox.james.smtp.RefuseAuthenticationHook"/>
 *   <handler class="org.apache.james.smtpserver.fastfail.ValidRcptHandler"/>
 *   <handler class="com.teaminbox.james.smtp.ReceivedMailAuditHook"/>
 *   <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class RefuseAuthenticationHook implements AuthHook {
    /** RFC 4954 section 6: 504 5.5.4, the mechanism (here: any) is not supported on this server. */
    static final String REPLY_CODE = "504";
    static final String DESCRIPTION = "5.5.4 Authentication is not offered on this server; members submit mail on the submission port";
    private static final Logger LOGGER = LoggerFactory.getLogger(RefuseAuthenticationHook.class);

    private static final HookResult REFUSED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode(REPLY_CODE)
        .smtpDescription(DESCRIPTION)
        .build();

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        return refuse(session);
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return refuse(session);
    }

    @Override
    public HookResult doDelegation(SMTPSession session, Username username) {
        return refuse(session);
    }

    private static HookResult refuse(SMTPSession session) {
        // Per-attempt detail at DEBUG: unauthenticated clients can repeat it at will.
        LOGGER.debug("AUTH refused on the incoming server from {}", session.getRemoteAddress().getAddress().getHostAddress());
        return REFUSED;
    }
}
