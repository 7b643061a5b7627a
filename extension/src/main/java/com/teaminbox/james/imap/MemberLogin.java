package com.teaminbox.james.imap;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.access.Rights;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.james.common.SharedAccounts;

/**
 * Opens a shared mailbox for one of its members, with her own password, whatever login form the
 * client used. Whatever fails (unknown user, wrong password, not a member, a role that cannot read,
 * a malformed name) the caller gets the same {@link Result#FAILED}, so that a client learns nothing
 * about which part was wrong; the audit trail says it. Failures are throttled per member name and
 * per remote address ({@link MemberLoginThrottle}): a throttled attempt is refused unchecked.
 */
public class MemberLogin {
    private static final Logger LOGGER = LoggerFactory.getLogger(MemberLogin.class);

    /** How a member login ended. */
    public enum Result {
        OPENED,
        FAILED,
        /** Refused without checking the password: too many recent failures for the name or the address. */
        THROTTLED
    }

    /** The outcome and, when {@link Result#OPENED}, the session. */
    public record Outcome(Result result, Optional<MailboxSession> session) {
        static final Outcome FAILED = new Outcome(Result.FAILED, Optional.empty());
        static final Outcome THROTTLED = new Outcome(Result.THROTTLED, Optional.empty());
    }

    private final ConfigurationInForce configurationStore;
    private final Authenticator authenticator;
    private final UsersRepository usersRepository;
    private final SharedAccounts accounts;
    private final MemberAudit audit;
    private final MemberLoginThrottle throttle;

    @Inject
    public MemberLogin(ConfigurationInForce configurationStore, Authenticator authenticator, UsersRepository usersRepository,
                       SharedAccounts accounts, MemberAudit audit, MemberLoginThrottle throttle) {
        this.configurationStore = configurationStore;
        this.authenticator = authenticator;
        this.usersRepository = usersRepository;
        this.accounts = accounts;
        this.audit = audit;
        this.throttle = throttle;
    }

    public boolean isSharedMailbox(MailAddress address) {
        return configurationStore.current().isSharedMailbox(address);
    }

    /**
     * @param form how the client logged in ({@code LOGIN} or {@code AUTHENTICATE}), for the audit trail
     * @throws AuditUnavailableException when the accepted login cannot be audited
     * @return when opened, a session whose user is the shared account and whose logged-in user is
     *     the member, as James's own delegation builds it
     */
    public Outcome open(MailAddress sharedMailbox, MailAddress member, String password, String form, String remoteAddress) {
        Optional<String> memberName = Optional.of(member.asString());
        if (!throttle.admit(memberName, remoteAddress)) {
            return Outcome.THROTTLED;
        }
        Optional<String> refusal;
        try {
            refusal = refusal(sharedMailbox, member, password);
        } catch (MailboxException | UsersRepositoryException | RuntimeException e) {
            LOGGER.warn("Member login of {} to {} failed", member.asString(), sharedMailbox.asString(), e);
            refusal = Optional.of("error");
        }
        if (refusal.isPresent()) {
            throttle.failed(memberName, remoteAddress);
            audit.loginRefused(form, member.asString(), sharedMailbox.asString(), refusal.get(), remoteAddress);
            return Outcome.FAILED;
        }
        audit.loginAccepted(form, member.asString(), sharedMailbox.asString(), remoteAddress);
        throttle.succeeded(member.asString());
        MailboxSession session = MemberAccess.openMemberSession(accounts.username(sharedMailbox), accounts.username(member));
        return new Outcome(Result.OPENED, Optional.of(session));
    }

    /**
     * A login meant for a shared mailbox whose names cannot be read (quotes, CR/LF, NUL, the
     * separator twice...): refused, counted against the remote address only, audited as given.
     *
     * @param target the shared mailbox as given, or {@code -}
     */
    public Outcome refuseMalformed(String form, String loginName, String target, String reason, String remoteAddress) {
        if (!throttle.admit(Optional.empty(), remoteAddress)) {
            return Outcome.THROTTLED;
        }
        throttle.failed(Optional.empty(), remoteAddress);
        audit.loginRefused(form, loginName, target, reason, remoteAddress);
        return Outcome.FAILED;
    }

    private Optional<String> refusal(MailAddress sharedMailbox, MailAddress member, String password)
        throws MailboxException, UsersRepositoryException {
        // The password is checked first and always, so that a refusal takes as long whatever the reason.
        if (!passwordMatches(sharedMailbox, member, password)) {
            return Optional.of("bad credentials");
        }
        Optional<Member> membership = configurationStore.current().find(sharedMailbox)
            .flatMap(configured -> configured.member(member));
        if (membership.isEmpty()) {
            return Optional.of("not a member");
        }
        if (!Rights.of(membership.get().role()).containsAll(Rights.TO_OPEN)) {
            return Optional.of("role " + membership.get().role().name() + " cannot read");
        }
        return Optional.empty();
    }

    /**
     * James's users repository hashes the given password only when the user exists: an unknown
     * name would be refused faster than a wrong password, and a client could tell them apart by
     * the time. For an unknown name the same password is checked against a shared account instead
     * (its password is a random secret provisioning sets: it never matches), which costs the same
     * hash and, where James is set to, the same failure delay.
     */
    private boolean passwordMatches(MailAddress sharedMailbox, MailAddress member, String password)
        throws MailboxException, UsersRepositoryException {
        Username memberUsername = accounts.username(member);
        if (usersRepository.contains(memberUsername)) {
            return authenticator.isAuthentic(memberUsername, password);
        }
        authenticator.isAuthentic(decoy(sharedMailbox, memberUsername), password);
        return false;
    }

    private Username decoy(MailAddress sharedMailbox, Username memberUsername) {
        if (isSharedMailbox(sharedMailbox)) {
            return accounts.username(sharedMailbox);
        }
        return configurationStore.current().sharedMailboxes().stream().findFirst()
            .map(SharedMailbox::address)
            .map(accounts::username)
            .orElse(memberUsername);
    }
}
