package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reply marks its ticket answered by the tag in its subject, in the mailbox's own tag format. */
class AnsweredWithCustomTagFormatIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" ticket-format=\"[{prefix} #{number}]\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    @Test
    void replyCarryingTheCustomTagShouldMarkItsTicketAnswered() throws Exception {
        server.smtp().send("jane@customer.test", "Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        server.submission().submit(ALICE, TeamInboxServer.PASSWORD, ALICE, "jane@customer.test",
            "From: support@example.test\r\nTo: jane@customer.test\r\nSubject: Re: [SUP #1] Printer broken\r\n"
                + "In-Reply-To: <unknown@elsewhere.test>\r\n\r\nOn its way.\r\n");

        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
                imap.select("INBOX");
                return imap.command("FETCH 1 (FLAGS)") && imap.lastReply().contains("\\Answered");
            }
        }, "the ticket message marked \\Answered");
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP #1] Printer broken");
        }
    }
}
