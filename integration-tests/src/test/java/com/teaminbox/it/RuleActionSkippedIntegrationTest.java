package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.it.StoredMessages.StoredMessage;

/**
 * Issue 24: a rule action that cannot be applied to one mail does not park it. The mail is
 * delivered as if that action were absent, and the failure is a {@code rule-action-skipped} audit
 * record and a metric.
 */
class RuleActionSkippedIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Gone\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <rules>\n"
        + "      <rule name=\"gone\" when=\"subject:gone\"><file-into folder=\"Gone\"/><keyword name=\"$Gone\"/></rule>\n"
        + "      <rule name=\"long\" when=\"subject:long\"><set-header name=\"X-Long\" value=\"" + "a".repeat(1000) + "\"/>"
        + "<set-header name=\"X-Team\" value=\"Équipe facturation\"/><flag name=\"\\Flagged\"/></rule>\n"
        + "    </rules>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    @Test
    void folderDeletedSinceTheReloadShouldBeSkippedAndTheMailDeliveredToInbox() throws Exception {
        deleteFolderGoneThenMailInboxShouldHoldItWithItsKeyword();
        assertThat(AuditRecords.of(server, AuditEventType.RULE_ACTION_SKIPPED)).singleElement().satisfies(record -> {
            assertThat(record.details()).containsEntry("rule", "gone").containsEntry("action", "file-into Gone")
                .containsEntry("reason", "folder 'Gone' does not exist");
            assertThat(record.ticket()).contains("SUP-1");
        });
        assertThat(WebAdminClient.get(server, "/metrics")).containsPattern("(?m)^teaminbox_rule_action_skipped(_total)? 1\\.0$");
    }

    @Test
    void folderDeletedAfterAMailWasFiledIntoItShouldBeSkippedForTheNextMail() throws Exception {
        // The first mail makes ApplyRules find, and remember, the folder; the deletion must make it forget.
        server.smtp().send(JANE, "Gone fishing", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "Gone", 1);
        deleteFolderGoneThenMailInboxShouldHoldItWithItsKeyword();
        assertThat(AuditRecords.of(server, AuditEventType.RULE_ACTION_SKIPPED)).singleElement()
            .satisfies(record -> assertThat(record.details()).containsEntry("reason", "folder 'Gone' does not exist"));
    }

    @Test
    void headerValueNoLineCanCarryShouldBeSkippedAndTheOtherActionsApplied() throws Exception {
        server.smtp().send(JANE, "A long header", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        StoredMessage stored;
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            stored = StoredMessages.read(imap, List.of("INBOX")).get(0);
        }
        assertThat(stored.flags()).containsExactly("\\Flagged");
        assertThat(stored.header("X-Long")).isEmpty();
        assertThat(stored.header("X-Team")).hasValueSatisfying(value -> assertThat(value).startsWith("=?UTF-8?"));
        assertThat(stored.decoded("X-Team")).contains("Équipe facturation");
        List<AuditRecord> skipped = AuditRecords.of(server, AuditEventType.RULE_ACTION_SKIPPED);
        assertThat(skipped).singleElement().satisfies(record -> assertThat(record.details())
            .containsEntry("rule", "long").hasEntrySatisfying("reason", reason -> assertThat(reason).contains("998")));
    }

    /** Deletes the rule's folder over WebAdmin, sends a mail the rule files there, and checks it reached the INBOX with the rule's keyword. */
    private void deleteFolderGoneThenMailInboxShouldHoldItWithItsKeyword() throws Exception {
        HttpResponse<String> deleted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.ports().webAdmin() + "/users/" + SUPPORT + "/mailboxes/Gone")).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

        server.smtp().send(JANE, "Where has it gone?", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.listFolders()).doesNotContain("Gone");
            assertThat(StoredMessages.read(imap, List.of("INBOX"))).singleElement()
                .satisfies(message -> assertThat(message.flags()).containsExactly("$Gone"));
        }
    }
}
