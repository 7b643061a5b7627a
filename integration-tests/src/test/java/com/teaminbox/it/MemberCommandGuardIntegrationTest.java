package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;

/**
 * Issue 16, "a role is the only thing that decides": the ways around a role found with stock
 * clients, each closed by the rights table every member command goes through.
 */
class MemberCommandGuardIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String CAROL = "carol@example.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <roles>\n"
        + "    <role name=\"tidy\" rights=\"lrx\" send=\"none\"/>\n"
        + "    <role name=\"lookup\" rights=\"l\" send=\"none\"/>\n"
        + "  </roles>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Billing\"/>\n"
        + "    <folder name=\"Clients/ACME\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\">\n"
        + "      <folder name=\"Billing\" role=\"lookup\"/>\n"
        + "      <folder name=\"Clients/ACME\" role=\"none\"/>\n"
        + "    </member>\n"
        + "    <member address=\"carol@example.test\" role=\"tidy\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    @Test
    void aMemberWithoutKShouldCreateNoFolderWhateverThePathForm() throws Exception {
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            for (String create : List.of("CREATE Escalations", "CREATE Escalations.Urgent", "CREATE \"Zed..\"",
                    "CREATE \"INBOX.Sub\"", "CREATE Billing.Sub", "CREATE Clients.Other")) {
                assertThat(bob.command(create)).as(create).isFalse();
                assertThat(bob.lastReply()).as(create).contains("NO [NOPERM]");
            }
        }
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.listFolders())
                .noneMatch(folder -> folder.startsWith("Escalations") || folder.startsWith("Zed") || folder.endsWith("Sub")
                    || folder.equals("Clients.Other"));
        }
    }

    @Test
    void renameIntoAMissingParentShouldNeedKWhereTheFolderLands() throws Exception {
        try (ImapTestClient carol = server.imapAsMemberOf(SUPPORT, CAROL)) {
            assertThat(carol.command("RENAME Junk Old.Junk")).isFalse();
            assertThat(carol.lastReply()).contains("NO [NOPERM]");
            assertThat(carol.command("RENAME Junk \"Old..\"")).isFalse();
        }
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.listFolders()).contains("Junk").noneMatch(folder -> folder.startsWith("Old"));
        }
    }

    @Test
    void aReadOnlyMemberShouldNotChangeTheTeamsSubscriptions() throws Exception {
        String before = subscriptions();
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            assertThat(bob.command("SUBSCRIBE Archive")).isFalse();
            assertThat(bob.lastReply()).contains("NO [NOPERM]");
            assertThat(bob.command("UNSUBSCRIBE INBOX")).isFalse();
        }
        assertThat(subscriptions()).isEqualTo(before).doesNotContain("Archive");

        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.command("SUBSCRIBE Archive")).as("a full member manages the folder list").isTrue();
        }
        assertThat(subscriptions()).contains("Archive");
    }

    @Test
    void aHiddenFolderShouldAnswerQuotaRootLikeAMissingOne() throws Exception {
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.command("GETQUOTAROOT \"Ticket Registry\"")).isFalse();
            String hidden = untagged(alice.lastReply());
            assertThat(alice.command("GETQUOTAROOT Nowhere")).isFalse();
            String missing = untagged(alice.lastReply());

            assertThat(hidden).doesNotContain("QUOTAROOT \"Ticket Registry\"").isEqualTo(missing.replace("Nowhere", "Ticket Registry"))
                .contains("NO [NONEXISTENT]");
        }
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            assertThat(bob.command("GETQUOTAROOT Clients.ACME")).as("a folder of role none").isFalse();
            assertThat(bob.lastReply()).contains("NO [NONEXISTENT]");
        }
    }

    @Test
    void contentSearchesAndEnvelopeFetchesShouldBeAuditedAsReads() throws Exception {
        server.smtp().send("jane@customer.test", "Refund please", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("INBOX");
            assertThat(bob.command("SEARCH UNSEEN")).as("flags only: not a read").isTrue();
            assertThat(bob.command("SEARCH TEXT \"refund\"")).isTrue();
            assertThat(bob.command("UID SEARCH OR SUBJECT refund BODY refund")).isTrue();
            assertThat(bob.command("FETCH 1 (FLAGS)")).isTrue();
            assertThat(bob.command("FETCH 1 (ENVELOPE)")).isTrue();
            assertThat(bob.command("FETCH 1 (BODYSTRUCTURE)")).isTrue();
        }
        List<AuditRecord> reads = AuditRecords.of(server, AuditEventType.MESSAGE_READ);
        assertThat(reads).filteredOn(record -> "SEARCH".equals(record.details().get("command")))
            .extracting(record -> record.details().get("search"))
            .containsExactlyInAnyOrder("TEXT", "BODY SUBJECT");
        assertThat(reads).filteredOn(record -> "FETCH".equals(record.details().get("command"))).hasSize(2);
    }

    @Test
    void listReturnStatusShouldAnswerOnlyForFoldersTheMemberMayRead() throws Exception {
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            assertThat(bob.command("LIST \"\" \"*\" RETURN (STATUS (MESSAGES UNSEEN))")).as(bob.lastReply()).isTrue();

            assertThat(bob.lastReply()).containsPattern("(?m)^\\* STATUS \"?INBOX\"? ").containsPattern("(?m)^\\* LIST .*Billing")
                .doesNotContainPattern("(?m)^\\* STATUS \"?Billing").doesNotContain("ACME").doesNotContain("Ticket Registry");
        }
    }

    @Test
    void renamingShouldNotCarryAFolderOutOfItsPerFolderRole() throws Exception {
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.command("RENAME Clients Customers")).as("holds Clients/ACME").isFalse();
            assertThat(alice.lastReply()).contains("NO [NOPERM]");
            assertThat(alice.command("RENAME Billing Invoices")).isFalse();
            assertThat(alice.command("CREATE Clients.ACME.Contracts")).isTrue();
            assertThat(alice.command("RENAME Clients.ACME.Contracts Contracts")).as("governed by Clients/ACME").isFalse();
            assertThat(alice.command("RENAME Templates Macros")).as("no per-folder role").isTrue();
        }
        assertThat(bobSees()).doesNotContain("Clients.ACME", "Clients.ACME.Contracts", "Customers.ACME", "Contracts");

        HttpResponse<String> reloaded = new WebAdminClient(server.ports().webAdmin()).reloadSharedMailboxes();
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);

        assertThat(bobSees()).as("after provisioning too").doesNotContain("Clients.ACME", "Clients.ACME.Contracts", "Contracts")
            .contains("Clients", "Macros");
    }

    private List<String> bobSees() throws Exception {
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            return bob.listFolders();
        }
    }

    private String subscriptions() throws Exception {
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.command("LSUB \"\" \"*\"")).isTrue();
            return untagged(alice.lastReply());
        }
    }

    /** The reply without its tag, to compare two answers. */
    private static String untagged(String reply) {
        return reply.replaceAll("(?m)^t\\d+ ", "");
    }
}
