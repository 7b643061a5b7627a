package com.teaminbox.james.imap;

import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.james.imap.api.display.HumanReadableText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.LoginThrottle;
import com.teaminbox.core.access.ThrottledAttempts;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditTrail;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.ConfigurationInForce;

/**
 * The audit records of what members do over IMAP, attributed to the person — James's own mailbox
 * events only know the shared account. Refusals are recorded best-effort (refusing is safe even
 * when the trail is down); an accepted login or change is recorded first and does not happen
 * when the trail cannot take it under {@code on-failure="defer"}.
 */
public class MemberAudit {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberAudit.class);
    private static final int MAX_ECHOED_LENGTH = 200;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** Detail naming the client's remote address (or addresses) of a login record. */
    static final String REMOTE = "remote";

    /** What happened to a member's command. */
    enum Decision {
        /** Answered {@code NO [NOPERM]}. */
        COMMAND_REFUSED("refused"),
        /** Run in a narrower form: SELECT as EXAMINE, FETCH as PEEK, CLOSE without expunge. */
        COMMAND_RESTRICTED("restricted");

        private final String auditName;

        Decision(String auditName) {
            this.auditName = auditName;
        }
    }

    /** RFC 5530 {@code [UNAVAILABLE]}: try again later; the trail cannot take the record now. */
    static final HumanReadableText UNAVAILABLE = new HumanReadableText("com.teaminbox.UNAVAILABLE",
        "[UNAVAILABLE] The audit trail is unavailable; try again later.");

    private final AuditTrail trail;
    private final ConfigurationInForce configurationStore;

    @Inject
    public MemberAudit(AuditTrail trail, ConfigurationInForce configurationStore) {
        this.trail = trail;
        this.configurationStore = configurationStore;
    }

    /** @throws AuditUnavailableException the login must then be refused */
    void loginAccepted(String form, String member, String sharedMailbox, String remoteAddress) {
        trail.record(AuditEvent.of(AuditEventType.LOGIN_ACCEPTED, AuditActor.member(printable(member)))
            .sharedMailbox(printable(sharedMailbox)).decision("accepted").detail("command", form)
            .detail(REMOTE, remoteAddress).build());
    }

    void loginRefused(String form, String member, String sharedMailbox, String reason, String remoteAddress) {
        bestEffort(AuditEvent.of(AuditEventType.LOGIN_REFUSED, AuditActor.member(printable(member)))
            .sharedMailbox(printable(sharedMailbox)).decision("refused").reason(reason).detail("command", form)
            .detail(REMOTE, remoteAddress).build());
    }

    /**
     * One record for every attempt a throttle window refused unchecked: the member name throttled
     * (actor) with the addresses it came from, or the address throttled (actor: the system, nobody
     * logged in) with the names it tried.
     */
    void loginsThrottled(ThrottledAttempts refused) {
        boolean member = refused.kind() == LoginThrottle.Kind.MEMBER;
        AuditEvent.Builder event = AuditEvent.of(AuditEventType.LOGIN_REFUSED,
                member ? AuditActor.member(printable(refused.key())) : AuditActor.system())
            .decision("refused").reason("throttled")
            .detail(AuditEvent.ATTEMPTS, refused.attempts())
            .detail("first", refused.first().truncatedTo(ChronoUnit.MILLIS).toString())
            .detail("last", refused.last().truncatedTo(ChronoUnit.MILLIS).toString());
        String others = printable(String.join(", ", refused.others()));
        if (member) {
            event.detail(REMOTE, others);
        } else {
            event.detail(REMOTE, printable(refused.key())).detail("members", others);
        }
        bestEffort(event.build());
    }

    void command(Decision decision, String command, MemberSession session, String folder, String reason) {
        bestEffort(AuditEvent.of(AuditEventType.COMMAND_REFUSED, AuditActor.member(session.member().asString()))
            .sharedMailbox(session.sharedMailbox().asString()).decision(decision.auditName).reason(reason)
            .detail("command", command).detail("folder", printable(folder)).build());
    }

    /** The server ended a member's session because she lost access; best-effort, the session ends anyway. */
    void sessionClosed(MemberSession session, String folder, String reason) {
        bestEffort(AuditEvent.of(AuditEventType.SESSION_CLOSED, AuditActor.member(session.member().asString()))
            .sharedMailbox(session.sharedMailbox().asString()).decision("closed").reason(reason)
            .detail("folder", printable(folder)).build());
    }

    /**
     * Records a member's change (or read) before James carries it out.
     *
     * @throws AuditUnavailableException the command must then be refused
     */
    void action(MemberSession session, AuditEventType type, String command, String folder, Map<String, String> details) {
        AuditEvent.Builder event = AuditEvent.of(type, AuditActor.member(session.member().asString()))
            .sharedMailbox(session.sharedMailbox().asString()).decision("accepted")
            .detail("command", command).detail("folder", printable(folder));
        details.forEach((key, value) -> event.detail(key, printable(value)));
        trail.record(event.build());
    }

    /** {@link AuditTrail#inOutage}: a record may then wait for the storage and an alert. */
    boolean trailInOutage() {
        return trail.inOutage();
    }

    /** Whether opening messages is audited ({@code <audit read-access="true">}, the default). */
    boolean auditsReads() {
        return configurationStore.inForce().map(configuration -> configuration.audit().readAccess()).orElse(true);
    }

    private void bestEffort(AuditEvent event) {
        try {
            trail.record(event);
        } catch (AuditUnavailableException e) {
            LOGGER.warn("Audit trail unavailable; the refusal stands: {}", event);
        }
    }

    /**
     * Client text may carry CR/LF to forge log lines: control characters ({@code \p{Cntrl}}: U+0000
     * to U+001F and U+007F) become '?'. Called for each detail of every member record (three per
     * poll that finds mail), mostly on text without any: looked at first, no regular expression
     * compiled per call.
     */
    static String printable(String text) {
        String bounded = text.length() > MAX_ECHOED_LENGTH ? text.substring(0, MAX_ECHOED_LENGTH) + "..." : text;
        for (int index = 0; index < bounded.length(); index++) {
            if (isControl(bounded.charAt(index))) {
                return CONTROL.matcher(bounded).replaceAll("?");
            }
        }
        return bounded;
    }

    private static boolean isControl(char character) {
        return character < 0x20 || character == 0x7f;
    }
}
