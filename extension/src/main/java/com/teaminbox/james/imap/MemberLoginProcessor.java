package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AbstractAuthProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.LoginName;
import com.teaminbox.core.audit.AuditUnavailableException;

/**
 * {@code LOGIN "support@example.test*alice@example.test" <alice's password>}: a member opens
 * a shared mailbox from a client that can only send a user name and a password. Added next to
 * James's {@code LoginProcessor}, which keeps handling plain logins.
 */
public class MemberLoginProcessor extends AbstractAuthProcessor<MemberLoginRequest> {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberLoginProcessor.class);
    private static final String FORM = "LOGIN";

    private final MemberLogin memberLogin;

    @Inject
    public MemberLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                MemberLogin memberLogin) {
        super(MemberLoginRequest.class, mailboxManager, factory, metricFactory);
        this.memberLogin = memberLogin;
    }

    @Override
    protected void processRequest(MemberLoginRequest request, ImapSession session, Responder responder) {
        if (session.isPlainAuthDisallowed()) {
            no(request, responder, HumanReadableText.DISABLED_LOGIN);
            return;
        }
        Optional<MailboxSession> opened;
        try {
            opened = open(request);
        } catch (AuditUnavailableException e) {
            // Right credentials, but the login cannot be audited: not a failed attempt, a temporary refusal.
            no(request, responder, MemberAudit.UNAVAILABLE);
            return;
        }
        if (opened.isEmpty()) {
            manageFailureCount(session, request, responder, HumanReadableText.INVALID_LOGIN);
            return;
        }
        doAuthWithDelegation(opened::get, session, request, responder);
        session.stopDetectingCommandInjection();
    }

    private Optional<MailboxSession> open(MemberLoginRequest request) {
        LoginName loginName;
        try {
            loginName = LoginName.parse(request.loginName());
        } catch (IllegalArgumentException e) {
            memberLogin.audit().loginRefused(FORM, request.loginName(), "-", "malformed login name: " + e.getMessage());
            return Optional.empty();
        }
        try {
            return memberLogin.open(loginName.target(), loginName.member(), request.password(), FORM);
        } catch (AuditUnavailableException e) {
            throw e;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Member login of {} failed", loginName, e);
            memberLogin.audit().loginRefused(FORM, loginName.member().asString(), loginName.target().asString(), "error");
            return Optional.empty();
        }
    }

    @Override
    protected MDCBuilder mdc(MemberLoginRequest request) {
        return MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, FORM)
            .addToContext("login-user", MemberAudit.printable(request.loginName()));
    }
}
