package com.teaminbox.james.imap;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.LoginThrottle;
import com.teaminbox.core.access.LoginThrottlePolicy;
import com.teaminbox.core.access.ThrottledAttempts;

/**
 * This node's throttle of failed member logins ({@link LoginThrottle}, {@link LoginThrottlePolicy#DEFAULT}),
 * on James's clock, and the writer of its aggregated {@code login-refused} records: a closed window's
 * refusals are recorded at the next login attempt, at the next check (every minute), or when James stops.
 */
@Singleton
public class MemberLoginThrottle {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberLoginThrottle.class);
    private static final long CHECK_SECONDS = 60;

    /**
     * RFC 5530 {@code [UNAVAILABLE]}: a temporary refusal, so that a member who mistyped five times
     * and then gets it right is told to wait rather than that her password is wrong. It is answered
     * whoever the name is, known or not, so it tells nothing about the account.
     */
    private static final HumanReadableText THROTTLED = new HumanReadableText("com.teaminbox.THROTTLED",
        "[UNAVAILABLE] Too many failed logins; try again later.");

    private final LoginThrottle throttle;
    private final Clock clock;
    private final MemberAudit audit;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "teaminbox-login-throttle");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public MemberLoginThrottle(Clock clock, MemberAudit audit) {
        this(LoginThrottlePolicy.DEFAULT, clock, audit);
    }

    MemberLoginThrottle(LoginThrottlePolicy policy, Clock clock, MemberAudit audit) {
        this.throttle = new LoginThrottle(policy);
        this.clock = clock;
        this.audit = audit;
        checker.scheduleWithFixedDelay(this::recordClosedWindows, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** False when the attempt must be refused without checking its password. */
    boolean admit(Optional<String> member, String remoteAddress) {
        boolean admitted = throttle.admit(member, remoteAddress, clock.instant());
        recordClosedWindows();
        return admitted;
    }

    void failed(Optional<String> member, String remoteAddress) {
        throttle.failed(member, remoteAddress, clock.instant());
    }

    void succeeded(String member) {
        throttle.succeeded(member, clock.instant());
    }

    /**
     * Answers a throttled attempt with {@code NO [UNAVAILABLE] …}. James 3.8.1 cannot build that
     * response code, but writes the text right after {@code NO} when the command is left out. Not
     * counted as one of the connection's failures: no password was checked, nothing was guessed.
     */
    static void refuse(ImapProcessor.Responder responder, StatusResponseFactory factory, ImapRequest request) {
        responder.respond(factory.taggedNo(request.getTag(), null, THROTTLED));
    }

    void recordClosedWindows() {
        try {
            record(throttle.drainClosed(clock.instant()));
        } catch (RuntimeException e) {
            LOGGER.warn("Could not record the refused member logins of a closed throttle window", e);
        }
    }

    private void record(List<ThrottledAttempts> closed) {
        closed.forEach(audit::loginsThrottled);
    }

    @PreDestroy
    public void close() {
        checker.shutdownNow();
        record(throttle.closeAll());
    }
}
