package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.access.Right;
import com.teaminbox.core.access.Rights;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.ConfigurationFixture;

class SessionDecisionsTest {
    private static final MailboxPath INBOX = MailboxPath.inbox(Username.of("support@example.test"));
    private static final Rights READ = Rights.of(Right.READ);

    private final SharedMailboxesConfiguration configuration = configuration();
    private final SessionDecisions decisions = SessionDecisions.of(session());

    @Test
    void rightsShouldStandWhileTheConfigurationAndTheAclsStayTheSame() {
        decisions.rememberRights(new SessionDecisions.Stamp(configuration, 3), INBOX, READ);

        assertThat(decisions.rights(new SessionDecisions.Stamp(configuration, 3), INBOX)).contains(READ);
    }

    @Test
    void rightsShouldBeDecidedAgainAfterAnAclChange() {
        decisions.rememberRights(new SessionDecisions.Stamp(configuration, 3), INBOX, READ);

        assertThat(decisions.rights(new SessionDecisions.Stamp(configuration, 4), INBOX)).isEmpty();
    }

    @Test
    void rightsShouldBeDecidedAgainUnderAReloadedConfigurationEvenAnEqualOne() {
        decisions.rememberRights(new SessionDecisions.Stamp(configuration, 3), INBOX, READ);

        assertThat(decisions.rights(new SessionDecisions.Stamp(configuration(), 3), INBOX)).isEmpty();
    }

    @Test
    void rightsRememberedUnderANewStampShouldDropTheOlderOnes() {
        MailboxPath billing = MailboxPath.forUser(Username.of("support@example.test"), "Billing");
        decisions.rememberRights(new SessionDecisions.Stamp(configuration, 3), INBOX, READ);

        decisions.rememberRights(new SessionDecisions.Stamp(configuration, 4), billing, READ);

        assertThat(decisions.rights(new SessionDecisions.Stamp(configuration, 4), INBOX)).isEmpty();
        assertThat(decisions.rights(new SessionDecisions.Stamp(configuration, 4), billing)).contains(READ);
    }

    @Test
    void theMemberSessionShouldBeDecidedAgainUnderAnotherConfiguration() {
        decisions.rememberMember(configuration, Optional.empty());

        assertThat(decisions.member(configuration)).contains(Optional.empty());
        assertThat(decisions.member(configuration())).isEmpty();
    }

    @Test
    void theConfiguredMemberShouldStandWhileTheConfigurationIsTheSameObject() {
        decisions.rememberConfiguredMember(configuration, Optional.empty());

        assertThat(decisions.configuredMember(configuration)).as("removed from this configuration").contains(Optional.empty());
    }

    @Test
    void theConfiguredMemberShouldBeAskedAgainUnderAReloadedConfigurationEvenAnEqualOne() throws Exception {
        SharedMailboxesConfiguration reloaded = configuration();
        decisions.rememberConfiguredMember(configuration, reloaded.find(new MailAddress("support@example.test")).orElseThrow().members().stream()
            .findFirst());

        assertThat(decisions.configuredMember(reloaded)).as("a reload may have removed her").isEmpty();
    }

    @Test
    void aMailboxSessionShouldKeepItsDecisions() {
        MailboxSession session = session();

        assertThat(SessionDecisions.of(session)).isSameAs(SessionDecisions.of(session));
    }

    private static SharedMailboxesConfiguration configuration() {
        return ConfigurationFixture.configuration(ConfigurationFixture.support("", "")).current();
    }

    private static MailboxSession session() {
        return new MailboxSession(MailboxSession.SessionId.of(1), Username.of("support@example.test"),
            Optional.of(Username.of("alice@example.test")), List.of(), MailboxConstants.DEFAULT_DELIMITER, MailboxSession.SessionType.User);
    }
}
