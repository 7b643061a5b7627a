package com.teaminbox.james.imap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

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
import org.apache.james.metrics.api.MetricFactory;

import com.teaminbox.core.access.LoginName;
import com.teaminbox.core.audit.AuditUnavailableException;

import reactor.core.publisher.Mono;

/**
 * {@code AUTHENTICATE PLAIN} (RFC 4616, with or without the RFC 4959 initial response) opens a
 * shared mailbox with the member's role in both forms clients send: the shared address as
 * authorization identity and the member's own credentials, or no authorization identity and the
 * combined name {@code support@example.test*alice@example.test} as authentication identity (what
 * a client configured with that user name sends, as to Dovecot's master-user separator). Any other
 * PLAIN exchange, including delegation to an account that is not a shared mailbox, stays James's.
 * PLAIN is the only mechanism James 3.8.1 offers for passwords (besides OAuth tokens when configured).
 */
public class MemberAuthenticateProcessor extends AuthenticateProcessor {
    private static final String FORM = "AUTHENTICATE";
    private static final String PLAIN = "PLAIN";
    private static final String NUL = "\0";

    private final MemberLogin memberLogin;
    private final StatusResponseFactory statusResponseFactory;

    @Inject
    public MemberAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory, MetricFactory metricFactory,
                                       MemberLogin memberLogin) {
        super(mailboxManager, factory, metricFactory);
        this.memberLogin = memberLogin;
        this.statusResponseFactory = factory;
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
        boolean malformedMemberLogin = plain.isEmpty() && (PlainResponse.mentionsSeparator(initialClientResponse)
            || PlainResponse.authorizationIdAsJamesReadsIt(initialClientResponse).filter(memberLogin::isSharedMailbox).isPresent());
        if (!malformedMemberLogin && plain.filter(this::isMemberLogin).isEmpty()) {
            super.doPlainAuth(initialClientResponse, session, request, responder);
            return;
        }
        String remoteAddress = MemberLoginOrigin.remoteAddress(session);
        MemberLogin.Outcome outcome;
        try {
            outcome = malformedMemberLogin
                ? memberLogin.refuseMalformed(FORM, "-", "-", "malformed PLAIN response with a combined name or a shared mailbox",
                    remoteAddress)
                : open(plain.get(), remoteAddress);
        } catch (AuditUnavailableException e) {
            // Right credentials, but the login cannot be audited: not a failed attempt, a temporary refusal.
            // Without the command name, so that the response code comes right after NO (RFC 5530).
            responder.respond(statusResponseFactory.taggedNo(request.getTag(), null, MemberAudit.UNAVAILABLE));
            session.stopDetectingCommandInjection();
            return;
        }
        switch (outcome.result()) {
            case OPENED:
                doAuthWithDelegation(outcome.session()::orElseThrow, session, request, responder);
                break;
            case THROTTLED:
                MemberLoginThrottle.refuse(responder, statusResponseFactory, request);
                break;
            default:
                manageFailureCount(session, request, responder, HumanReadableText.AUTHENTICATION_FAILED);
        }
        session.stopDetectingCommandInjection();
    }

    /**
     * Ours, never James's: a combined name ({@code target*member}) in either identity, as clients
     * that only know a user name send it (Dovecot's master-user separator), or a shared mailbox as
     * authorization identity. James would refuse the first with its own answers and give owner
     * rights for the second if the account were delegated.
     */
    private boolean isMemberLogin(PlainResponse plain) {
        return LoginName.looksLikeMemberLogin(plain.authenticationId())
            || LoginName.looksLikeMemberLogin(plain.authorizationId())
            || plain.authorizationAddress().filter(memberLogin::isSharedMailbox).isPresent();
    }

    private MemberLogin.Outcome open(PlainResponse plain, String remoteAddress) {
        if (LoginName.looksLikeMemberLogin(plain.authenticationId())) {
            return openWithCombinedName(plain, remoteAddress);
        }
        Optional<MailAddress> sharedMailbox = plain.authorizationAddress().filter(memberLogin::isSharedMailbox);
        Optional<MailAddress> member = plain.authenticationAddress();
        if (sharedMailbox.isEmpty()) {
            return memberLogin.refuseMalformed(FORM, plain.authorizationId(), "-", "separator in the authorization identity", remoteAddress);
        }
        if (member.isEmpty()) {
            return memberLogin.refuseMalformed(FORM, plain.authenticationId(), sharedMailbox.get().asString(),
                "malformed authentication identity", remoteAddress);
        }
        return memberLogin.open(sharedMailbox.get(), member.get(), plain.password(), FORM, remoteAddress);
    }

    /**
     * RFC 4616 section 2: an empty authorization identity means the one derived from the
     * authentication identity, here the target of the combined name; one equal to the
     * authentication identity means the same. Any other would name two targets: refused.
     */
    private MemberLogin.Outcome openWithCombinedName(PlainResponse plain, String remoteAddress) {
        if (!plain.authorizationId().isEmpty() && !plain.authorizationId().equals(plain.authenticationId())) {
            return memberLogin.refuseMalformed(FORM, plain.authenticationId(), plain.authorizationId(),
                "authorization identity beside a combined name", remoteAddress);
        }
        LoginName loginName;
        try {
            loginName = LoginName.parse(plain.authenticationId());
        } catch (IllegalArgumentException e) {
            return memberLogin.refuseMalformed(FORM, plain.authenticationId(), "-", "malformed login name: " + e.getMessage(), remoteAddress);
        }
        return memberLogin.open(loginName.target(), loginName.member(), plain.password(), FORM, remoteAddress);
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

        /**
         * A response that is not three parts (a NUL inside a name) but has a combined name before its
         * last part (the password, which may hold anything): a member login, ours to refuse.
         */
        static boolean mentionsSeparator(String base64) {
            try {
                String decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
                int passwordStart = decoded.lastIndexOf(NUL);
                return passwordStart > 0 && LoginName.looksLikeMemberLogin(decoded.substring(0, passwordStart));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /**
         * The authorization identity James 3.8.1's {@code AuthenticateProcessor} reads in a response
         * that is not three parts for us: it drops empty and blank parts before counting, so
         * {@code support\0\0alice\0pw}, {@code \0support\0alice\0pw} or {@code support\0alice\0pw\0}
         * is a delegation to {@code support} for James. Such a response naming a shared mailbox is
         * ours to refuse, never James's delegation to hand over (owner rights when delegated).
         */
        static Optional<MailAddress> authorizationIdAsJamesReadsIt(String base64) {
            try {
                String decoded = new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
                List<String> parts = Arrays.stream(decoded.split(NUL)).filter(part -> !part.isBlank()).collect(Collectors.toList());
                return parts.size() == 3 ? address(parts.get(0)) : Optional.empty();
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
