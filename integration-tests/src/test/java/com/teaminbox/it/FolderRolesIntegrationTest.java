package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A member's role can differ on a folder, or be none there: the folder's ACL says so, and IMAP obeys it. */
class FolderRolesIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Billing\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\">\n"
        + "      <folder name=\"Billing\" role=\"full\"/>\n"
        + "      <folder name=\"Junk\" role=\"none\"/>\n"
        + "    </member>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    @Test
    void perFolderRolesShouldBeEnforcedOverImap() throws Exception {
        server.smtp().send("jane@customer.test", "Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, "alice@example.test", "INBOX", 1);
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, "alice@example.test")) {
            alice.select("INBOX");
            assertThat(alice.command("COPY 1 \"Billing\"")).isTrue();
        }

        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, "bob@example.test")) {
            assertThat(bob.listFolders()).contains("INBOX", "Billing").doesNotContain("Junk");
            assertThat(bob.command("MYRIGHTS \"INBOX\"")).isTrue();
            assertThat(bob.lastReply()).containsPattern("\\* MYRIGHTS \"INBOX\" \"?lr\"?\\r?\\n");
            assertThat(bob.command("SELECT \"Junk\"")).isFalse();

            bob.select("INBOX");
            assertThat(bob.command("STORE 1 +FLAGS (\\Flagged)")).isFalse();
            assertThat(bob.lastReply()).contains("NO [NOPERM]");

            bob.select("Billing");
            assertThat(bob.command("STORE 1 +FLAGS (\\Flagged)")).isTrue();
        }
    }
}
