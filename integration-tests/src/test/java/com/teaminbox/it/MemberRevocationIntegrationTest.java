package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEventType;

/**
 * Issue 25: a member who is removed or downgraded in {@code shared-mailboxes.xml} loses access at
 * her next command in every session already open, including one sitting in IDLE, and an SMTP
 * submission session opened before the change cannot send as the shared mailbox after it. The
 * configuration changes the way an administrator changes it: the file, then WebAdmin's reload.
 */
class MemberRevocationIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String BOTH = configuration("full", "read-only");
    private static final String WITHOUT_BOB = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(BOTH));

    @Test
    void removedMemberShouldBeDisconnectedAtHerNextCommandOnTheSelectedFolder() throws Exception {
        deliverOneMessage();
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("INBOX");
            assertThat(bob.command("FETCH 1 (BODY.PEEK[])")).isTrue();

            reloadWith(WITHOUT_BOB);

            String lastWords = bob.commandUntilClosed("FETCH 1 (BODY.PEEK[])");
            assertThat(lastWords).contains("* BYE", "revoked", "no longer a member of support@example.test")
                .doesNotContain("FETCH (", "Hello");
        }
        assertThat(AuditRecords.of(server, AuditEventType.SESSION_CLOSED)).singleElement()
            .satisfies(record -> {
                assertThat(record.actor()).isEqualTo(AuditActor.member(BOB));
                assertThat(record.details()).containsEntry("folder", "INBOX");
            });
    }

    @Test
    void removedMemberShouldBeDisconnectedWhileIdling() throws Exception {
        deliverOneMessage();
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("INBOX");
            assertThat(bob.idle()).as(bob.lastReply()).isTrue();

            reloadWith(WITHOUT_BOB);

            // no command from the client: the server speaks first, then closes (the read would time out otherwise)
            assertThat(bob.readUntilClosed()).contains("* BYE", "no longer a member of support@example.test");
        }
        assertThat(AuditRecords.of(server, AuditEventType.SESSION_CLOSED)).singleElement()
            .satisfies(record -> assertThat(record.actor()).isEqualTo(AuditActor.member(BOB)));
    }

    @Test
    void memberWhoseSelectedFolderTurnsToRoleNoneShouldBeDisconnectedWhileIdling() throws Exception {
        reloadWith(BOTH.replace("<member address=\"alice", "<folder name=\"Billing\"/>\n    <member address=\"alice"));
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("Billing");
            assertThat(bob.idle()).as(bob.lastReply()).isTrue();

            reloadWith(BOTH.replace("<member address=\"alice", "<folder name=\"Billing\"/>\n    <member address=\"alice")
                .replace("role=\"read-only\"/>", "role=\"read-only\">\n      <folder name=\"Billing\" role=\"none\"/>\n    </member>"));

            assertThat(bob.readUntilClosed()).contains("* BYE", "read right on the selected folder removed");
        }
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            assertThat(bob.listFolders()).as("still a member, without Billing").contains("INBOX").doesNotContain("Billing");
        }
    }

    @Test
    void downgradedMemberShouldKeepReadingButChangeNothing() throws Exception {
        deliverOneMessage();
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            alice.select("INBOX");
            assertThat(alice.command("STORE 1 +FLAGS (\\Flagged)")).isTrue();

            reloadWith(configuration("read-only", "read-only"));

            assertThat(alice.command("STORE 1 +FLAGS ($Escalated)")).isFalse();
            assertThat(alice.lastReply()).contains("NO [NOPERM]");
            assertThat(alice.command("STORE 1 +FLAGS (\\Deleted)")).isFalse();
            assertThat(alice.command("EXPUNGE")).isFalse();
            assertThat(alice.command("COPY 1 Archive")).isFalse();
            assertThat(alice.command("MOVE 1 Archive")).isFalse();
            assertThat(alice.append("INBOX", message("Filed after the downgrade"))).isFalse();
            assertThat(alice.command("FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).contains("\\Flagged").doesNotContain("$Escalated");
        }
    }

    @Test
    void upgradedMemberShouldGetHerNewRightsWithoutReconnecting() throws Exception {
        deliverOneMessage();
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("INBOX");
            assertThat(bob.append("INBOX", message("Filed before the upgrade"))).isFalse();

            reloadWith(configuration("full", "full"));

            assertThat(bob.append("INBOX", message("Filed after the upgrade"))).as(bob.lastReply()).isTrue();
            assertThat(bob.command("CREATE Escalations")).as(bob.lastReply()).isTrue();
            bob.select("INBOX");
            assertThat(bob.command("STORE 1 +FLAGS (\\Flagged)")).as(bob.lastReply()).isTrue();
        }
    }

    @Test
    void submissionSessionOpenedBeforeARemovalShouldNotSendAsTheSharedMailboxAfterIt() throws Exception {
        reloadWith(BOTH.replace("role=\"read-only\"", "role=\"send-as\""));
        try (SmtpDialogue smtp = SmtpDialogue.open(server.ports().submission())) {
            assertThat(smtp.command("AUTH PLAIN " + SmtpDialogue.base64("\0" + BOB + "\0" + TeamInboxServer.PASSWORD))).startsWith("235");
            assertThat(smtp.command("MAIL FROM:<" + SUPPORT + ">")).as("send-as before the removal").startsWith("250");
            assertThat(smtp.command("RSET")).startsWith("250");

            reloadWith(WITHOUT_BOB);

            assertThat(smtp.command("MAIL FROM:<" + SUPPORT + ">")).startsWith("5");
        }
        assertThat(AuditRecords.of(server, AuditEventType.SEND_REFUSED))
            .anySatisfy(record -> assertThat(record.actor()).isEqualTo(AuditActor.member(BOB)));
    }

    private static String configuration(String aliceRole, String bobRole) {
        return "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"" + aliceRole + "\"/>\n"
            + "    <member address=\"bob@example.test\" role=\"" + bobRole + "\"/>\n"
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
    }

    private void reloadWith(String sharedMailboxes) throws Exception {
        server.home().withSharedMailboxes(sharedMailboxes);
        HttpResponse<String> reloaded = new WebAdminClient(server.ports().webAdmin()).reloadSharedMailboxes();
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
    }

    private void deliverOneMessage() throws Exception {
        server.smtp().send("jane@customer.test", "Question", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
    }

    private static String message(String subject) {
        return "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
    }
}
