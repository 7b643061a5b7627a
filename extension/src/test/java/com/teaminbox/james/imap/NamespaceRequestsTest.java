package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.apache.james.imap.api.Tag;
import org.apache.james.imap.api.message.IdRange;
import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.message.request.CopyRequest;
import org.apache.james.imap.message.request.CreateRequest;
import org.apache.james.imap.message.request.MoveRequest;
import org.apache.james.imap.message.request.MyRightsRequest;
import org.apache.james.imap.message.request.NoopRequest;
import org.apache.james.imap.message.request.RenameRequest;
import org.apache.james.imap.message.request.SetACLRequest;
import org.apache.james.imap.message.response.MailboxStatusResponse;
import org.apache.james.imap.message.response.MyRightsResponse;
import org.apache.james.mailbox.model.MailboxACL;
import org.junit.jupiter.api.Test;

class NamespaceRequestsTest {
    private static final Tag TAG = new Tag("a1");

    @Test
    void requestNamingAFolderShouldBeRebuiltWithItsNameInTheSharedAccount() {
        ImapRequest move = NamespaceRequests.renamed(new MoveRequest(new IdRange[] {new IdRange(1, 3)}, "Shared.support.Billing", true, TAG),
            NamespaceRequestsTest::inner).orElseThrow();

        assertThat(move).isInstanceOf(MoveRequest.class);
        assertThat(((MoveRequest) move).getMailboxName()).isEqualTo("Billing");
        assertThat(((MoveRequest) move).isUseUids()).isTrue();
        assertThat(move.getTag()).isEqualTo(TAG);
        assertThat(((CopyRequest) NamespaceRequests.renamed(new CopyRequest(new IdRange[] {new IdRange(2)}, "Shared.support.INBOX", false, TAG),
            NamespaceRequestsTest::inner).orElseThrow()).getMailboxName()).isEqualTo("INBOX");
    }

    @Test
    void renameShouldRebuildBothNames() {
        RenameRequest rename = (RenameRequest) NamespaceRequests.renamed(
            new RenameRequest("Shared.support.Templates", "Shared.support.Macros", TAG), NamespaceRequestsTest::inner).orElseThrow();

        assertThat(List.of(rename.getExistingName(), rename.getNewName())).containsExactly("Templates", "Macros");
    }

    @Test
    void accessControlRequestsShouldKeepTheirOtherArguments() {
        SetACLRequest setAcl = (SetACLRequest) NamespaceRequests.renamed(
            new SetACLRequest(TAG, "Shared.support.INBOX", "dave@example.test", "lr"), NamespaceRequestsTest::inner).orElseThrow();

        assertThat(List.of(setAcl.getMailboxName(), setAcl.getIdentifier(), setAcl.getRights()))
            .containsExactly("INBOX", "dave@example.test", "lr");
        assertThat(((CreateRequest) NamespaceRequests.renamed(new CreateRequest("Shared.support.Escalations", TAG),
            NamespaceRequestsTest::inner).orElseThrow()).getMailboxName()).isEqualTo("Escalations");
    }

    @Test
    void unknownRequestShouldNotBeRebuilt() {
        assertThat(NamespaceRequests.renamed(new NoopRequest(TAG), NamespaceRequestsTest::inner)).isEmpty();
    }

    @Test
    void answersShouldNameTheFolderAsTheClientKnowsIt() {
        MyRightsResponse myRights = (MyRightsResponse) NamespaceResponder.renamed(
            new MyRightsResponse("Billing", MailboxACL.FULL_RIGHTS), folder -> "Shared.support." + folder);
        MailboxStatusResponse status = (MailboxStatusResponse) NamespaceResponder.renamed(new MailboxStatusResponse(Optional.empty(),
            null, null, null, 3L, null, null, null, null, null, "Billing", null), folder -> "Shared.support." + folder);

        assertThat(myRights.getMailboxName()).isEqualTo("Shared.support.Billing");
        assertThat(status.getMailbox()).isEqualTo("Shared.support.Billing");
        assertThat(status.getMessages()).isEqualTo(3L);
    }

    private static String inner(String visible) {
        return visible.substring("Shared.support.".length());
    }
}
