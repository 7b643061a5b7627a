package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's rules, as docs/rules.md describes them, with the demo's acknowledgements on. */
class DemoRulesIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    private int janeInbox() throws Exception {
        try (ImapTestClient jane = server.imapAs(JANE)) {
            return jane.messageCount("INBOX");
        }
    }

    @Test
    void spamShouldBeJunkedAndNeverAcknowledged() throws Exception {
        server.smtp().send(JANE, "Casino bonus for you", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "Junk", 1);
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        TeamInboxServer.awaitUntil(() -> janeInbox() >= 1, "the acknowledgement of the printer ticket");

        try (ImapTestClient jane = server.imapAs(JANE)) {
            jane.select("INBOX");
            assertThat(jane.headers("Subject")).singleElement().asString().startsWith("[SUP-2]");
        }
    }

    @Test
    void invoiceShouldBeFiledForAliceWhoIsNotified() throws Exception {
        server.smtp().send(JANE, "Facture 42 en retard", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "Billing", 1);

        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient alice = server.imapAs(ALICE)) {
                return alice.messageCount("INBOX") == 1;
            }
        }, "alice's assignment notification");
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("Billing");
            assertThat(imap.command("FETCH 1 (FLAGS)")).isTrue();
            assertThat(imap.lastReply()).contains("$Billing").contains("$Assigned-alice");
        }
    }

    @Test
    void urgentShouldBeFlagged() throws Exception {
        server.smtp().send(JANE, "URGENT: VPN down", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.command("FETCH 1 (FLAGS)")).isTrue();
            assertThat(imap.lastReply()).contains("\\Flagged").contains("$Urgent");
        }
    }
}
