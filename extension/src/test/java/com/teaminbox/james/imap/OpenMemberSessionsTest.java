package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.imap.api.process.ImapProcessor;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.response.UnpooledStatusResponseFactory;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.access.FolderAclCache;
import com.teaminbox.james.configuration.SharedMailboxesConfigurationStore;

class OpenMemberSessionsTest {
    private final List<AuditEvent> records = new ArrayList<>();
    private final SharedMailboxesConfigurationStore store = ConfigurationFixture.inForce(ConfigurationFixture.support("", ""));
    private final OpenMemberSessions sessions = new OpenMemberSessions(store, new UnpooledStatusResponseFactory(),
        new MemberAudit(records::add, store), mock(MemberAccess.class), mock(FolderAclCache.class));

    /** Every command of every session reports its start: while nobody idles that takes no lock (issue 18, imap13). */
    @Test
    void commandsShouldLookForTheirSessionAmongIdlingOnesOnlyWhileOneIdles() throws Exception {
        ImapSession idle = mock(ImapSession.class);
        ImapSession other = mock(ImapSession.class);
        assertThat(sessions.anyIdling()).isFalse();

        sessions.idling(idle, member(), mock(ImapProcessor.Responder.class));
        assertThat(sessions.anyIdling()).isTrue();

        sessions.commandStarted(other);
        assertThat(sessions.anyIdling()).as("the idling session still idles").isTrue();

        sessions.commandStarted(idle);
        assertThat(sessions.anyIdling()).isFalse();
    }

    private static MemberSession member() throws Exception {
        return new MemberSession(new MailAddress("support@example.test"), new MailAddress("alice@example.test"),
            Username.of("alice@example.test"), MemberAccess.openMemberSession(Username.of("support@example.test"), Username.of("alice@example.test")));
    }
}
