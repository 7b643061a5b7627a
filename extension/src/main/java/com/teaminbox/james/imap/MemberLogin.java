package com.teaminbox.james.imap;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.MailboxConstants;

import com.teaminbox.core.access.Rights;
import com.teaminbox.core.config.Member;
import com.teaminbox.james.SharedAccounts;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

/**
 * Opens a shared mailbox for one of its members, with her own password. Whatever fails (unknown
 * user, wrong password, not a member, a role that cannot read) the caller gets the same empty
 * answer, so that a client learns nothing about which part was wrong; the log says it.
 */
public class MemberLogin {
    private static final SecureRandom SESSION_IDS = new SecureRandom();

    private final SharedMailboxesConfigurationStore configurationStore;
    private final Authenticator authenticator;
    private final SharedAccounts accounts;
    private final MemberAudit audit;

    @Inject
    public MemberLogin(SharedMailboxesConfigurationStore configurationStore, Authenticator authenticator, SharedAccounts accounts,
                       MemberAudit audit) {
        this.configurationStore = configurationStore;
        this.authenticator = authenticator;
        this.accounts = accounts;
        this.audit = audit;
    }

    MemberAudit audit() {
        return audit;
    }

    public boolean isSharedMailbox(MailAddress address) {
        return configurationStore.current().isSharedMailbox(address);
    }

    /**
     * @param form how the client logged in ({@code LOGIN} or {@code AUTHENTICATE}), for the log
     * @throws com.teaminbox.core.audit.AuditUnavailableException when the accepted login cannot be audited
     * @return a session whose user is the shared account and whose logged-in user is the member,
     *     as James's own delegation builds it
     */
    public Optional<MailboxSession> open(MailAddress sharedMailbox, MailAddress member, String password, String form) throws MailboxException {
        Username memberUsername = accounts.username(member);
        // The password is checked first and always, so that a refusal takes as long whatever the reason.
        boolean authentic = authenticator.isAuthentic(memberUsername, password);
        Optional<String> refusal = refusal(authentic, sharedMailbox, member);
        if (refusal.isPresent()) {
            audit.loginRefused(form, member.asString(), sharedMailbox.asString(), refusal.get());
            return Optional.empty();
        }
        audit.loginAccepted(form, member.asString(), sharedMailbox.asString());
        MailboxSession session = new MailboxSession(MailboxSession.SessionId.of(SESSION_IDS.nextLong()),
            accounts.username(sharedMailbox), Optional.of(memberUsername), List.of(),
            MailboxConstants.DEFAULT_DELIMITER, MailboxSession.SessionType.User);
        session.getAttributes().put(MemberAccess.MEMBER_SESSION_ATTRIBUTE, member.asString());
        return Optional.of(session);
    }

    private Optional<String> refusal(boolean authentic, MailAddress sharedMailbox, MailAddress member) {
        if (!authentic) {
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
}
