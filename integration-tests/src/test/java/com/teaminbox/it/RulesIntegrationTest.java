package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One rule per action, over SMTP then IMAP, on a real server with rules in shared-mailboxes.xml. */
class RulesIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Billing\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
        + "    <rules language=\"fr\">\n"
        + "      <rule name=\"spam\" when=\"subject:casino OR header.x-spam-flag:yes\"><junk/><stop/></rule>\n"
        + "      <rule name=\"urgent\" when=\"subject:(urgent urgence asap) OR body:(urgent urgence asap)\">\n"
        + "        <flag name=\"\\Flagged\"/><keyword name=\"$Urgent\"/></rule>\n"
        + "      <rule name=\"billing\" when=\"subject:(invoice facture)\">\n"
        + "        <file-into folder=\"Billing\"/><keyword name=\"$Billing\"/><assign member=\"bob@example.test\" notify=\"true\"/></rule>\n"
        + "      <rule name=\"vip\" when=\"from:vip.test\"><set-header name=\"X-Priority\" value=\"1\"/><flag name=\"\\Seen\"/></rule>\n"
        + "      <rule name=\"strip\" when=\"header.x-internal:*\"><remove-header name=\"X-Internal\"/><notify address=\"dave@example.test\"/></rule>\n"
        + "      <rule name=\"watch\" when=\"subject:printer\" mode=\"audit\"><junk/></rule>\n"
        + "    </rules>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    private void deliver(String from, String... headerLinesThenBody) throws Exception {
        StringBuilder raw = new StringBuilder("From: " + from + "\r\nTo: support@example.test\r\n");
        for (String line : headerLinesThenBody) {
            raw.append(line).append("\r\n");
        }
        server.smtp().sendRaw(from, SUPPORT, raw.toString());
    }

    private String fetch(String folder, String items) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select(folder);
            assertThat(imap.command("FETCH 1:* (" + items + ")")).isTrue();
            return imap.lastReply();
        }
    }

    @Test
    void urgentMailShouldBeFlaggedWhateverItsCaseAccentsOrLanguage() throws Exception {
        deliver(JANE, "Subject: URGENTE : serveur en panne", "", "Merci");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        deliver(JANE, "Subject: Printer", "", "Please answer ASAP");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);
        deliver(JANE, "Subject: Nothing special", "", "Hello");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 3);

        String flags = fetch("INBOX", "FLAGS");
        assertThat(flags).containsPattern("\\* 1 FETCH \\(FLAGS \\([^)]*\\\\Flagged[^)]*\\$Urgent|\\* 1 FETCH \\(FLAGS \\([^)]*\\$Urgent[^)]*\\\\Flagged");
        assertThat(flags).containsPattern("\\* 2 FETCH \\(FLAGS \\([^)]*\\$Urgent");
        assertThat(flags).doesNotContainPattern("\\* 3 FETCH \\(FLAGS \\([^)]*\\$Urgent");
    }

    @Test
    void invoiceShouldBeFiledKeywordedAssignedAndTheAssigneeNotified() throws Exception {
        deliver(JANE, "Subject: =?UTF-8?Q?Facture_42_impay=C3=A9e?=", "", "Bonjour");
        server.awaitMessages(SUPPORT, ALICE, "Billing", 1);

        assertThat(server.imapAsMemberOf(SUPPORT, ALICE).messageCount("INBOX")).isZero();
        assertThat(fetch("Billing", "FLAGS")).contains("$Billing").contains("$Assigned-bob");
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient bob = server.imapAs("bob@example.test")) {
                return bob.messageCount("INBOX") == 1;
            }
        }, "bob's assignment notification");
        try (ImapTestClient bob = server.imapAs("bob@example.test")) {
            bob.select("INBOX");
            assertThat(bob.headers("Subject")).hasSize(1);
            assertThat(MimeUtility.decodeText(bob.headers("Subject").get(0)))
                .isEqualTo("[SUP-1] Assigned to you: Facture 42 impayée");
            assertThat(bob.headers("Auto-Submitted")).containsExactly("auto-generated");
        }
    }

    @Test
    void spamShouldGoToJunkAndStopLaterRules() throws Exception {
        deliver(JANE, "Subject: Casino urgent invoice", "", "win");
        server.awaitMessages(SUPPORT, ALICE, "Junk", 1);

        assertThat(fetch("Junk", "FLAGS")).doesNotContain("$Urgent").doesNotContain("$Billing");
    }

    @Test
    void headerRulesShouldSetAndRemoveHeadersAndSeen() throws Exception {
        deliver("ceo@vip.test", "Subject: Board meeting", "X-Internal: secret", "", "Hi");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        String headers = fetch("INBOX", "FLAGS BODY.PEEK[HEADER.FIELDS (X-PRIORITY X-INTERNAL)]");
        assertThat(headers).contains("X-Priority: 1").doesNotContain("X-Internal").contains("\\Seen");
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient dave = server.imapAs("dave@example.test")) {
                return dave.messageCount("INBOX") == 1;
            }
        }, "dave's notification");
    }

    @Test
    void auditModeRuleShouldChangeNothing() throws Exception {
        deliver(JANE, "Subject: printer on fire", "", "Hi");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.messageCount("Junk")).isZero();
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] printer on fire");
        }
    }

    @Test
    void mailWithA50MegabyteAttachmentShouldBeMatchedOnItsTextAndDelivered() throws Exception {
        String attachment = "A".repeat(76) + "\r\n";
        StringBuilder raw = new StringBuilder("From: jane@customer.test\r\nTo: support@example.test\r\nSubject: logs\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
            + "urgent please\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n");
        raw.append(attachment.repeat(50 * 1024 * 1024 / 78 * 3 / 4 / 1));
        raw.append("--b--\r\n");
        server.smtp().sendRaw(JANE, SUPPORT, raw.toString());
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        assertThat(fetch("INBOX", "FLAGS")).contains("$Urgent");
        List<String> subjects = server.imapAsMemberOf(SUPPORT, ALICE).listFolders();
        assertThat(subjects).contains("INBOX");
    }
}
