package com.teaminbox.james.imap;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AbstractAuthProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;

import com.teaminbox.core.access.LoginName;
import com.teaminbox.core.audit.AuditUnavailableException;

/**
 * {@code LOGIN "support@example.test*alice@example.test" <alice's password>}: a member opens
 * a shared mailbox from a client that can only send a user name and a password. Added next to
 * James's {@code LoginProcessor}, which keeps handling plain logins.
 */
public class MemberLoginProcessor extends AbstractAuthProcessor<MemberLoginRequest> {
    private static final String FORM = "LOGIN";

    private final MemberLogin memberLogin;
    private final StatusResponseFactory statusResponseFactory;

    @Inject
    public MemberLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                MemberLogin memberLogin) {
        super(MemberLoginRequest.class, mailboxManager, factory, metricFactory);
        this.memberLogin = memberLogin;
        this.statusResponseFactory = factory;
    }

    @Override
    protected void processRequest(MemberLoginRequest request, ImapSession session, Responder responder) {
        if (session.isPlainAuthDisallowed()) {
            no(request, responder, HumanReadableText.DISABLED_LOGIN);
            return;
        }
        MemberLogin.Outcome outcome;
        try {
            outcome = open(request, MemberLoginOrigin.remoteAddress(session));
        } catch (AuditUnavailableException e) {
            // Right credentials, but the login cannot be audited: not a failed attempt, a temporary refusal.
            // Without the command name, so that the response code comes right after NO (RFC 5530).
            responder.respond(statusResponseFactory.taggedNo(request.getTag(), null, MemberAudit.UNAVAILABLE));
            return;
        }
        switch (outcome.result()) {
            case OPENED:
                doAuthWithDelegation(outcome.session()::orElseThrow, session, request, responder);
                session.stopDetectingCommandInjection();
                return;
            case THROTTLED:
                MemberLoginThrottle.refuse(responder, statusResponseFactory, request);
                return;
            default:
                manageFailureCount(session, request, responder, HumanReadableText.INVALID_LOGIN);
        }
    }

    private MemberLogin.Outcome open(MemberLoginRequest request, String remoteAddress) {
        LoginName loginName;
        try {
            loginName = LoginName.parse(request.loginName());
        } catch (IllegalArgumentException e) {
            return memberLogin.refuseMalformed(FORM, request.loginName(), "-", "malformed login name: " + e.getMessage(), remoteAddress);
        }
        return memberLogin.open(loginName.target(), loginName.member(), request.password(), FORM, remoteAddress);
    }

    @Override
    protected MDCBuilder mdc(MemberLoginRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, FORM)
            .addToContext("login-user", MemberAudit.printable(request.loginName()));
    }
}
