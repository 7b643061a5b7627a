package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.message.request.GetQuotaRootRequest;
import org.apache.james.imap.message.request.NoopRequest;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.message.request.SubscribeRequest;
import org.junit.jupiter.api.Test;

class MemberCommandGuardTest {
    private static final Tag TAG = new Tag("a1");

    @Test
    void theNamedFolderShouldBeTheCommandsMailboxArgument() {
        assertThat(MemberCommandGuard.namedFolder(new CreateRequest("Escalations.Urgent", TAG))).contains("Escalations.Urgent");
        assertThat(MemberCommandGuard.namedFolder(new GetQuotaRootRequest(TAG, "Ticket Registry"))).contains("Ticket Registry");
        assertThat(MemberCommandGuard.namedFolder(new SubscribeRequest("Archive", TAG))).contains("Archive");
    }

    @Test
    void copyShouldNameItsTargetAndRenameItsSource() {
        assertThat(MemberCommandGuard.namedFolder(new CopyRequest(new IdRange[] {new IdRange(1)}, "Billing", false, TAG)))
            .contains("Billing");
        assertThat(MemberCommandGuard.namedFolder(new RenameRequest("Templates", "Macros", TAG))).contains("Templates");
    }

    @Test
    void aCommandWithoutMailboxShouldNameNone() {
        assertThat(MemberCommandGuard.namedFolder(new NoopRequest(TAG))).isEmpty();
    }
}
