package com.teaminbox.james.imap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.AuthenticateRequest;
import org.apache.james.imap.message.request.IRAuthenticateRequest;
import org.apache.james.imap.message.response.AuthenticateResponse;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditUnavailableException;

import reactor.core.publisher.Mono;

/**
 * {@code AUTHENTICATE PLAIN} (RFC 4616) with the shared address as authorization identity and the
 * member's own credentials opens the shared mailbox with the member's role. Any other PLAIN
 * exchange, including delegation to an account that is not a shared mailbox, stays James's.
 */
public class MemberAuthenticateProcessor extends AuthenticateProcessor {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberAuthenticateProcessor.class);
    private static final String FORM = "AUTHENTICATE";
    private static final String PLAIN = "PLAIN";
    private static final String NUL = "\0";

    private final MemberLogin memberLogin;

    @Inject
    public MemberAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                       MemberLogin memberLogin) {
        super(mailboxManager, factory, metricFactory);
        this.memberLogin = memberLogin;
    }

    /**
     * The two-step form ({@code AUTHENTICATE PLAIN}, {@code +}, credentials) as James runs it, except
     * that the command ends on the connection's event loop, right after the {@code +}.
     *
     * <p>Why: James writes every response of a command into one buffer, not thread-safe, and
     * flushes it when the command ends. Its own AUTHENTICATE runs on a blocking-call thread that
     * schedules the {@code +} on the event loop and ends at once; the credentials are later answered
     * into that same buffer on the event loop, while the blocking-call thread, late under load, may
     * still be flushing it: the tagged {@code OK AUTHENTICATE completed} was then sent twice, and the
     * client read the copy as the answer to its next command. Ending the command inside the event
     * loop task that sends the {@code +} (reads are paused during it) puts that last flush before
     * the credentials can be read. The command does not wait for the credentials: a client that
     * never sends them must not hold one of James's slots for concurrent IMAP commands.
     */
    @Override
    protected Mono<Void> processRequestReactive(AuthenticateRequest request, ImapSession session, Responder responder) {
        boolean twoStepPlain = request.getAuthType().equalsIgnoreCase(PLAIN)
            && !(request instanceof IRAuthenticateRequest)
            && !session.isPlainAuthDisallowed();
        if (!twoStepPlain) {
            return super.processRequestReactive(request, session, responder);
        }
        return Mono.create(commandEnd -> session.executeSafely(() -> {
            try {
                responder.respond(new AuthenticateResponse());
                responder.flush();
                session.pushLineHandler((requestSession, line) -> {
                    doPlainAuth(withoutLineEnd(line), requestSession, request, responder);
                    requestSession.popLineHandler();
                    responder.flush();
                });
            } finally {
                commandEnd.success();
            }
        }));
    }

    private static String withoutLineEnd(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        return new String(line, 0, end, StandardCharsets.US_ASCII);
    }

    @Override
    protected void doPlainAuth(String initialClientResponse, ImapSession session, ImapRequest request, Responder responder) {
        Optional<PlainResponse> plain = PlainResponse.decode(initialClientResponse);
        Optional<MailAddress> sharedMailbox = plain.flatMap(PlainResponse::authorizationAddress)
            .filter(memberLogin::isSharedMailbox);
        if (sharedMailbox.isEmpty()) {
            super.doPlainAuth(initialClientResponse, session, request, responder);
            return;
        }
        Optional<MailboxSession> opened;
        try {
            opened = open(sharedMailbox.get(), plain.get());
        } catch (AuditUnavailableException e) {
            // Right credentials, but the login cannot be audited: not a failed attempt, a temporary refusal.
            no(request, responder, MemberAudit.UNAVAILABLE);
            session.stopDetectingCommandInjection();
            return;
        }
        if (opened.isEmpty()) {
            manageFailureCount(session, request, responder, HumanReadableText.AUTHENTICATION_FAILED);
        } else {
            doAuthWithDelegation(opened::get, session, request, responder);
        }
        session.stopDetectingCommandInjection();
    }

    private Optional<MailboxSession> open(MailAddress sharedMailbox, PlainResponse plain) {
        Optional<MailAddress> member = plain.authenticationAddress();
        if (member.isEmpty()) {
            memberLogin.audit().loginRefused(FORM, plain.authenticationId(), sharedMailbox.asString(), "malformed authentication identity");
            return Optional.empty();
        }
        try {
            return memberLogin.open(sharedMailbox, member.get(), plain.password(), FORM);
        } catch (AuditUnavailableException e) {
            throw e;
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Member login of {} to {} failed", member.get().asString(), sharedMailbox.asString(), e);
            memberLogin.audit().loginRefused(FORM, member.get().asString(), sharedMailbox.asString(), "error");
            return Optional.empty();
        }
    }

    /** {@code authzid NUL authcid NUL passwd}, RFC 4616 section 2. */
    record PlainResponse(String authorizationId, String authenticationId, String password) {
        static Optional<PlainResponse> decode(String base64) {
            try {
                String decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
                String[] parts = decoded.split(NUL, -1);
                if (parts.length != 3) {
                    return Optional.empty();
                }
                return Optional.of(new PlainResponse(parts[0], parts[1], parts[2]));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        Optional<MailAddress> authorizationAddress() {
            return address(authorizationId);
        }

        Optional<MailAddress> authenticationAddress() {
            return address(authenticationId);
        }

        private static Optional<MailAddress> address(String value) {
            if (value.isEmpty() || value.chars().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new MailAddress(value));
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "PlainResponse{" + authorizationId + ", " + authenticationId + "}";
        }
    }
}
