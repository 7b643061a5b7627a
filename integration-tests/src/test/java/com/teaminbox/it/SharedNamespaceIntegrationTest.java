package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;

/**
 * The shared mailboxes inside each member's own account (RFC 2342 shared namespace), over real
 * IMAP on the demo's configuration: alice (full on support, read-only on sales), bob (read-only on
 * support), dave (no shared mailbox), each logged in as herself or himself with a plain LOGIN.
 */
class SharedNamespaceIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String DAVE = "dave@example.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void memberShouldWorkInTheSharedMailboxFromHerOwnLogin() throws Exception {
        deliver("Where is my parcel?");

        try (ImapTestClient alice = server.imapAs(ALICE)) {
            assertThat(alice.command("NAMESPACE")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).contains("* NAMESPACE ((\"\" \".\")) NIL ((\"Shared.\" \".\"))");

            assertThat(alice.command("LIST \"\" \"*\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply())
                .containsPattern("(?m)^\\* LIST \\(.*\\\\Noselect.*\\) \"\\.\" \"?Shared\"?$")
                .containsPattern("(?m)^\\* LIST \\(.*\\\\Noselect.*\\) \"\\.\" \"?Shared\\.support\"?$")
                .containsPattern("(?m)^\\* LIST \\(.*\\) \"\\.\" \"?Shared\\.support\\.INBOX\"?$")
                .containsPattern("(?m)^\\* LIST \\(.*\\) \"\\.\" \"?Shared\\.support\\.Billing\"?$")
                .containsPattern("(?m)^\\* LIST \\(.*\\) \"\\.\" \"?Shared\\.sales\\.INBOX\"?$")
                .containsPattern("(?m)^\\* LIST \\(.*\\) \"\\.\" \"?INBOX\"?$")
                .doesNotContain("Ticket Registry");
            assertThat(alice.command("LIST \"\" \"Shared.support.*\" RETURN (SPECIAL-USE)")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).containsPattern("(?m)^\\* LIST \\(.*\\\\Sent.*\\) \"\\.\" \"?Shared\\.support\\.Sent\"?$")
                .doesNotContain("\"INBOX\"").doesNotContain("Shared.sales");
            assertThat(alice.command("LIST \"\" \"Shared.%.INBOX\" RETURN (STATUS (MESSAGES))")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).containsPattern("(?m)^\\* STATUS \"?Shared\\.support\\.INBOX\"? \\(MESSAGES 1\\)")
                .containsPattern("(?m)^\\* LIST .*\"?Shared\\.sales\\.INBOX\"?$").doesNotContain("Billing");
            assertThat(alice.command("LIST \"\" \"%\"")).isTrue();
            assertThat(alice.lastReply()).containsPattern("(?m)\"?Shared\"?$").doesNotContain("Shared.support");

            assertThat(alice.command("SELECT \"Shared.support.INBOX\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).contains("[READ-WRITE]").containsPattern("(?m)^\\* 1 EXISTS");
            assertThat(alice.command("STORE 1 +FLAGS (\\Flagged)")).as(alice.lastReply()).isTrue();
            assertThat(alice.command("FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).isTrue();
            assertThat(alice.lastReply()).contains("\\Flagged", "Where is my parcel?");

            assertThat(alice.command("CREATE Kept")).as(alice.lastReply()).isTrue();
            assertThat(alice.command("COPY 1 Kept")).as(alice.lastReply()).isTrue();

            assertThat(alice.append("INBOX", message("My own draft"))).as(alice.lastReply()).isTrue();
            assertThat(alice.command("SELECT INBOX")).isTrue();
            assertThat(alice.command("MOVE 1 \"Shared.support.Billing\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.command("STATUS \"Shared.support.Billing\" (MESSAGES)")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).containsPattern("(?m)^\\* STATUS \"?Shared\\.support\\.Billing\"? \\(MESSAGES 1\\)");

            assertThat(alice.command("CREATE \"Shared.support.Escalations\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.command("RENAME \"Shared.support.Escalations\" \"Shared.support.Urgent\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.append("Shared.support.Urgent", message("Filed by alice"))).as(alice.lastReply()).isTrue();
            assertThat(alice.command("RENAME \"Shared.support.Urgent\" Mine")).as("not between accounts").isFalse();
            assertThat(alice.lastReply()).contains("NO [CANNOT]");
            assertThat(alice.command("MYRIGHTS \"Shared.support.Urgent\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.lastReply()).containsPattern("(?m)^\\* MYRIGHTS \"?Shared\\.support\\.Urgent\"? \"?aeiklprstwx\"?");
            assertThat(alice.command("CREATE \"Shared.Private\"")).isFalse();
            assertThat(alice.lastReply()).contains("NO [CANNOT]");
            assertThat(alice.command("SUBSCRIBE \"Shared.support.Billing\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.command("LSUB \"\" \"*\"")).isTrue();
            assertThat(alice.lastReply()).contains("Shared.support.Billing");
        }

        try (ImapTestClient alice = server.imapAs(ALICE)) {
            assertThat(alice.messageCount("Kept")).as("the copy in her own folder").isEqualTo(1);
        }
        try (ImapTestClient support = server.imapAsMemberOf(SUPPORT, ALICE)) {
            support.select("Billing");
            assertThat(support.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (SUBJECT)])")).isTrue();
            assertThat(support.lastReply()).as("her mail moved into the team's Billing").contains("My own draft");
            assertThat(support.listFolders()).as("created through the namespace, in the shared account").contains("Urgent");
            assertThat(support.messageCount("Urgent")).isEqualTo(1);
            assertThat(support.command("LSUB \"\" \"*\"")).isTrue();
            assertThat(support.lastReply()).as("her subscription is hers alone").doesNotContain("Billing");
        }

        List<AuditRecord> actions = AuditRecords.of(server, AuditEventType.FLAGS_CHANGED, AuditEventType.MESSAGES_COPIED,
            AuditEventType.MESSAGES_MOVED);
        assertThat(actions).allSatisfy(record -> {
            assertThat(record.actor()).isEqualTo(AuditActor.member(ALICE));
            assertThat(record.mailbox()).contains(SUPPORT);
        });
        assertThat(actions).anySatisfy(record -> {
            assertThat(record.type()).isEqualTo(AuditEventType.FLAGS_CHANGED);
            assertThat(record.details()).containsEntry("folder", "INBOX");
        });
        assertThat(actions).anySatisfy(record -> {
            assertThat(record.type()).isEqualTo(AuditEventType.MESSAGES_COPIED);
            assertThat(record.details()).containsEntry("folder", "INBOX").containsEntry("to", ALICE + "/Kept");
        });
        assertThat(actions).anySatisfy(record -> {
            assertThat(record.type()).isEqualTo(AuditEventType.MESSAGES_MOVED);
            assertThat(record.details()).containsEntry("folder", ALICE + "/INBOX").containsEntry("to", "Billing");
        });
    }

    @Test
    void readOnlyMemberShouldReadAndBeRefusedEveryChange() throws Exception {
        deliver("Refund please");

        try (ImapTestClient bob = server.imapAs(BOB)) {
            assertThat(bob.listFolders()).contains("Shared.support.INBOX", "Shared.support.Billing").doesNotContain("Shared.support.Ticket Registry");
            assertThat(bob.command("SELECT \"Shared.support.INBOX\"")).as(bob.lastReply()).isTrue();
            assertThat(bob.lastReply()).contains("[READ-ONLY]");
            assertThat(bob.command("FETCH 1 (BODY[])")).isTrue();
            assertThat(bob.lastReply()).contains("Refund please");

            for (String change : List.of("STORE 1 +FLAGS (\\Flagged)", "EXPUNGE", "COPY 1 \"Shared.support.Billing\"",
                "MOVE 1 INBOX", "CREATE \"Shared.support.Escalations\"", "DELETE \"Shared.support.Billing\"",
                "SETACL \"Shared.support.INBOX\" dave@example.test lr")) {
                assertThat(bob.command(change)).as(change + ": " + bob.lastReply()).isFalse();
                assertThat(bob.lastReply()).as(change).contains("NO [NOPERM]");
            }
            assertThat(bob.append("Shared.support.INBOX", message("Sneaked in"))).isFalse();
            assertThat(bob.lastReply()).contains("NO [NOPERM]");

            assertThat(bob.command("COPY 1 INBOX")).as("reading it into his own folder is reading").isTrue();
            assertThat(bob.command("COPY 1 \"Shared.sales.INBOX\"")).as("full on sales: " + bob.lastReply()).isTrue();
            assertThat(bob.command("MOVE 1 \"Shared.sales.INBOX\"")).as("no t and e on support's INBOX").isFalse();
            assertThat(bob.lastReply()).contains("NO [NOPERM]");
            assertThat(bob.command("SELECT INBOX")).isTrue();
            assertThat(bob.command("MOVE 1 \"Shared.support.Billing\"")).isFalse();
            assertThat(bob.lastReply()).contains("NO [NOPERM]");
        }

        try (ImapTestClient dave = server.imapAs(DAVE)) {
            assertThat(dave.command("NAMESPACE")).isTrue();
            assertThat(dave.lastReply()).doesNotContain("Shared");
            assertThat(dave.listFolders()).noneMatch(folder -> folder.startsWith("Shared"));
            assertThat(dave.command("SELECT \"Shared.support.INBOX\"")).isFalse();
            assertThat(dave.lastReply()).contains("NO [NONEXISTENT]");
        }

        assertThat(AuditRecords.of(server, AuditEventType.COMMAND_REFUSED))
            .filteredOn(record -> record.actor().equals(AuditActor.member(BOB)))
            .extracting(record -> record.details().get("command"))
            .contains("STORE", "EXPUNGE", "COPY", "MOVE", "CREATE", "DELETE", "SETACL", "APPEND");
        assertThat(AuditRecords.of(server, AuditEventType.MESSAGES_COPIED)).anySatisfy(record -> {
            assertThat(record.actor()).isEqualTo(AuditActor.member(BOB));
            assertThat(record.mailbox()).contains("sales@example.test");
            assertThat(record.details()).containsEntry("folder", SUPPORT + "/INBOX").containsEntry("to", "INBOX");
        });
        assertThat(AuditRecords.of(server, AuditEventType.FLAGS_CHANGED, AuditEventType.MESSAGES_MOVED, AuditEventType.MESSAGE_APPENDED))
            .noneMatch(record -> record.actor().equals(AuditActor.member(BOB)));
    }

    @Test
    void idleOnTheSharedInboxShouldReportNewCustomerMail() throws Exception {
        try (ImapTestClient alice = server.imapAs(ALICE)) {
            assertThat(alice.command("SELECT \"Shared.support.INBOX\"")).as(alice.lastReply()).isTrue();
            assertThat(alice.idle()).as(alice.lastReply()).isTrue();

            server.smtp().send("jane@customer.test", "Anyone there?", SUPPORT);

            assertThat(alice.readUntilLineContaining("EXISTS")).containsPattern("(?m)^\\* 1 EXISTS");
            assertThat(alice.done()).as(alice.lastReply()).isTrue();
        }
    }

    @Test
    void removedMemberShouldLoseTheNamespaceAtHerNextCommand() throws Exception {
        deliver("Question");
        try (ImapTestClient bob = server.imapAs(BOB); ImapTestClient bobAgain = server.imapAs(BOB)) {
            assertThat(bob.command("SELECT \"Shared.support.INBOX\"")).isTrue();
            assertThat(bobAgain.listFolders()).contains("Shared.support.INBOX");

            String demo = Files.readString(server.home().configurationFile("shared-mailboxes.xml"));
            reloadWith(demo.replace("<member address=\"bob@example.test\" role=\"read-only\"/>", ""));

            assertThat(bob.commandUntilClosed("FETCH 1 (BODY.PEEK[])"))
                .contains("* BYE", "no longer a member of support@example.test").doesNotContain("Question");
            assertThat(bobAgain.listFolders()).noneMatch(folder -> folder.startsWith("Shared.support"));
            assertThat(bobAgain.command("SELECT \"Shared.support.INBOX\"")).isFalse();
            assertThat(bobAgain.lastReply()).contains("NO [NONEXISTENT]");
        }
    }

    private void reloadWith(String sharedMailboxes) throws Exception {
        server.home().withSharedMailboxes(sharedMailboxes);
        HttpResponse<String> reloaded = new WebAdminClient(server.ports().webAdmin()).reloadSharedMailboxes();
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
    }

    private void deliver(String subject) throws Exception {
        server.smtp().send("jane@customer.test", subject, SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
    }

    private static String message(String subject) {
        return "From: alice@example.test\r\nTo: jane@customer.test\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
    }
}
