package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEventType;

/**
 * Secure14: a folder renamed or an ACL changed outside the members' gateway (the shared account's
 * own login, WebAdmin, another node: here James's mailbox API as the owner, as each of them ends
 * up) is seen by members' open sessions at their next command, on the folder's current name and
 * ACL, with no reload. Each test first makes the session decide once (so that what it decided is
 * kept), then changes the folder as the owner.
 */
class OwnerChangesSeenByMembersIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Billing\"/>\n"
        + "    <folder name=\"Restricted\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\">\n"
        + "      <folder name=\"Restricted\" role=\"none\"/>\n"
        + "    </member>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION), SharedAccountOwnerProbe.MODULE);

    @Test
    void selectedFolderRenamedByTheOwnerUnderAFolderSheMayNotReadShouldEndHerSession() throws Exception {
        try (ImapTestClient alice = billingSelectedWithOneMessage()) {
            assertThat(alice.command("FETCH 1 (BODY.PEEK[])")).as(alice.lastReply()).isTrue();

            owner().rename(SUPPORT, "Billing", "Restricted.Billing");

            String lastWords = alice.commandUntilClosed("FETCH 1 (BODY.PEEK[])");
            assertThat(lastWords).contains("* BYE", "read right on the selected folder removed").doesNotContain("Hello");
        }
        assertThat(AuditRecords.of(server, AuditEventType.SESSION_CLOSED)).singleElement()
            .satisfies(record -> {
                assertThat(record.actor()).isEqualTo(AuditActor.member(ALICE));
                assertThat(record.details()).containsEntry("folder", "Restricted.Billing");
            });
    }

    @Test
    void readRightOnTheSelectedFolderRemovedByTheOwnerShouldEndHerSession() throws Exception {
        try (ImapTestClient alice = billingSelectedWithOneMessage()) {
            assertThat(alice.command("SEARCH ALL")).as(alice.lastReply()).isTrue();

            owner().setAcl(SUPPORT, "Billing", ALICE, "-r");

            String lastWords = alice.commandUntilClosed("FETCH 1 (BODY.PEEK[])");
            assertThat(lastWords).contains("* BYE", "read right on the selected folder removed").doesNotContain("Hello");
        }
    }

    @Test
    void readRightOnTheSelectedFolderRemovedByTheOwnerShouldEndHerSessionWhileIdling() throws Exception {
        try (ImapTestClient alice = billingSelectedWithOneMessage()) {
            assertThat(alice.idle()).as(alice.lastReply()).isTrue();

            owner().setAcl(SUPPORT, "Billing", ALICE, "-r");

            // no command from the client: the server speaks first, then closes (the read would time out otherwise)
            assertThat(alice.readUntilClosed()).contains("* BYE", "read right on the selected folder removed");
        }
        assertThat(AuditRecords.of(server, AuditEventType.SESSION_CLOSED)).singleElement()
            .satisfies(record -> assertThat(record.details()).containsEntry("folder", "Billing"));
    }

    @Test
    void rightRemovedByTheOwnerShouldRefuseHerNextStoreOnTheSelectedFolder() throws Exception {
        try (ImapTestClient alice = billingSelectedWithOneMessage()) {
            assertThat(alice.command("STORE 1 +FLAGS (\\Flagged)")).as(alice.lastReply()).isTrue();

            owner().setAcl(SUPPORT, "Billing", ALICE, "-w");

            assertThat(alice.command("STORE 1 +FLAGS ($Escalated)")).isFalse();
            assertThat(alice.lastReply()).contains("NO [NOPERM]");
            assertThat(alice.command("FETCH 1 (FLAGS)")).as("reading goes on").isTrue();
            assertThat(alice.lastReply()).doesNotContain("$Escalated");
        }
    }

    @Test
    void folderRightsRemovedByTheOwnerShouldRefuseHerNextStatusAndSelectWithoutReload() throws Exception {
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.command("STATUS \"Billing\" (MESSAGES)")).as(alice.lastReply()).isTrue();

            owner().setAcl(SUPPORT, "Billing", ALICE, "-lr");

            assertThat(alice.command("STATUS \"Billing\" (MESSAGES)")).isFalse();
            assertThat(alice.lastReply()).contains("NO [NONEXISTENT]");
            assertThat(alice.command("SELECT \"Billing\"")).isFalse();
            assertThat(alice.listFolders()).contains("INBOX").doesNotContain("Billing");
        }
    }

    @Test
    void rightGivenBackByTheOwnerShouldApplyFromHerNextCommand() throws Exception {
        owner().setAcl(SUPPORT, "Billing", ALICE, "-i");
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.append("Billing", message("Filed while the owner withheld i"))).isFalse();
            assertThat(alice.lastReply()).contains("NO [NOPERM]");

            owner().setAcl(SUPPORT, "Billing", ALICE, "+i");

            assertThat(alice.append("Billing", message("Filed once the owner gave i back"))).as(alice.lastReply()).isTrue();
        }
    }

    @Test
    void selectedFolderRenamedByTheOwnerShouldBeDecidedAndAuditedUnderItsNewNameNotTheNewFolderOfTheOldName() throws Exception {
        try (ImapTestClient alice = billingSelectedWithOneMessage()) {
            assertThat(alice.command("STORE 1 +FLAGS (\\Flagged)")).as(alice.lastReply()).isTrue();

            owner().rename(SUPPORT, "Billing", "Billing-old");
            owner().create(SUPPORT, "Billing"); // a new folder under the old name, where alice has no right at all

            assertThat(alice.command("STORE 1 +FLAGS ($Escalated)")).as(alice.lastReply()).isTrue();
            assertThat(alice.command("SELECT \"Billing\"")).as("the new Billing is not hers").isFalse();
        }
        assertThat(AuditRecords.of(server, AuditEventType.FLAGS_CHANGED))
            .anySatisfy(record -> assertThat(record.details()).containsEntry("folder", "Billing-old"));
    }

    /** Alice's session with Billing selected, holding one message copied there from INBOX. */
    private ImapTestClient billingSelectedWithOneMessage() throws Exception {
        server.smtp().send("jane@customer.test", "Invoice question", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE);
        alice.select("INBOX");
        assertThat(alice.command("COPY 1 \"Billing\"")).as(alice.lastReply()).isTrue();
        alice.select("Billing");
        return alice;
    }

    private SharedAccountOwnerProbe owner() {
        return server.probe(SharedAccountOwnerProbe.class);
    }

    private static String message(String subject) {
        return "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
    }
}
