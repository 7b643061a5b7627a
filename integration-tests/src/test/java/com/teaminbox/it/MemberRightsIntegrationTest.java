package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member's role, enforced command by command over real IMAP: the same script of commands runs
 * for a full member, a read-only member and a custom role, and each command must succeed exactly
 * when the role's RFC 4314 rights allow it. One server start per role.
 */
class MemberRightsIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String CAROL = "carol@example.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <roles><role name=\"triage\" rights=\"lrswi\" send=\"none\"/></roles>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Billing\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
        + "    <member address=\"carol@example.test\" role=\"triage\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final List<String> SCRIPT = List.of(
        "EXAMINE INBOX",
        "SELECT INBOX",
        "FETCH 1 (BODY[])",
        "STORE 2 +FLAGS (\\Seen)",
        "STORE 2 +FLAGS (\\Flagged)",
        "STORE 2 +FLAGS ($Escalated)",
        "STORE 3 +FLAGS (\\Deleted)",
        "STORE 2 FLAGS (\\Answered)",
        "EXPUNGE",
        "APPEND",
        "COPY 1 Billing",
        "MOVE 1 Billing",
        "CREATE Escalations",
        "RENAME Templates Macros",
        "DELETE Junk",
        "SETACL INBOX dave@example.test lr",
        "DELETEACL INBOX bob@example.test",
        "GETACL INBOX",
        "SETMETADATA INBOX (/shared/comment \"VIP customers\")",
        "GETMETADATA INBOX (/shared/comment)",
        "SELECT \"Ticket Registry\"",
        "STATUS \"Ticket Registry\" (MESSAGES)");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    @Test
    void fullMemberShouldDoEverythingButOpenTheTicketRegistry() throws Exception {
        appendThreeMessages();

        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.listFolders()).contains("INBOX", "Billing", "Sent", "Templates").doesNotContain("Ticket Registry");
            assertThat(myRights(alice)).isEqualTo("aeiklprstwx");
            assertThat(run(alice)).isEqualTo(expected(
                "EXAMINE INBOX", "SELECT INBOX", "FETCH 1 (BODY[])", "STORE 2 +FLAGS (\\Seen)", "STORE 2 +FLAGS (\\Flagged)",
                "STORE 2 +FLAGS ($Escalated)", "STORE 3 +FLAGS (\\Deleted)", "STORE 2 FLAGS (\\Answered)", "EXPUNGE", "APPEND",
                "COPY 1 Billing", "MOVE 1 Billing", "CREATE Escalations", "RENAME Templates Macros", "DELETE Junk",
                "SETACL INBOX dave@example.test lr", "DELETEACL INBOX bob@example.test", "GETACL INBOX",
                "SETMETADATA INBOX (/shared/comment \"VIP customers\")", "GETMETADATA INBOX (/shared/comment)"));
            assertThat(alice.listFolders()).as("a folder she created is hers to see").contains("Escalations", "Macros");

            assertThat(alice.command("CREATE \"Ticket Registry\"")).as("exists already").isFalse();
            assertThat(alice.command("SELECT \"Ticket Registry\"")).as("CREATE of an existing folder grants nothing").isFalse();
        }
    }

    @Test
    void readOnlyMemberShouldReadWithoutChangingAnything() throws Exception {
        appendThreeMessages();
        Map<String, String> flagsBefore = flagsOfEveryMessage();

        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            assertThat(bob.listFolders()).contains("INBOX", "Billing").doesNotContain("Ticket Registry");
            assertThat(myRights(bob)).isEqualTo("lr");
            assertThat(bob.command("SELECT INBOX")).isTrue();
            assertThat(bob.lastReply()).as("SELECT without s is EXAMINE").contains("[READ-ONLY]");
            assertThat(run(bob)).isEqualTo(expected("EXAMINE INBOX", "SELECT INBOX", "FETCH 1 (BODY[])",
                "GETMETADATA INBOX (/shared/comment)"));
            assertThat(bob.command("CLOSE")).isTrue();
        }

        assertThat(flagsOfEveryMessage()).isEqualTo(flagsBefore);
    }

    @Test
    void customRoleShouldGetExactlyItsRights() throws Exception {
        appendThreeMessages();

        try (ImapTestClient carol = server.imapAsMemberOf(SUPPORT, CAROL)) {
            assertThat(carol.listFolders()).contains("INBOX", "Billing").doesNotContain("Ticket Registry");
            assertThat(myRights(carol)).isEqualTo("ilrsw");
            assertThat(run(carol)).isEqualTo(expected(
                "EXAMINE INBOX", "SELECT INBOX", "FETCH 1 (BODY[])", "STORE 2 +FLAGS (\\Seen)", "STORE 2 +FLAGS (\\Flagged)",
                "STORE 2 +FLAGS ($Escalated)", "APPEND", "COPY 1 Billing", "SETMETADATA INBOX (/shared/comment \"VIP customers\")",
                "GETMETADATA INBOX (/shared/comment)"));
        }
        assertThat(flagsOfEveryMessage().get("1")).as("reading with s marks read").contains("\\Seen");
        assertThat(flagsOfEveryMessage().get("2")).contains("\\Seen", "\\Flagged", "$Escalated");
        assertThat(flagsOfEveryMessage().get("3")).doesNotContain("\\Deleted");
    }

    @Test
    void appendShouldDropTheFlagsTheRoleCannotSet() throws Exception {
        try (ImapTestClient carol = server.imapAsMemberOf(SUPPORT, CAROL)) {
            assertThat(carol.commandWithLiteral("APPEND INBOX (\\Seen \\Deleted $Escalated)",
                message("Filed by carol").getBytes(StandardCharsets.UTF_8), "")).as(carol.lastReply()).isTrue();
        }

        assertThat(flagsOfEveryMessage().get("1"))
            .as("triage (lrswi) may set \\Seen and keywords, not \\Deleted")
            .contains("\\Seen", "$Escalated")
            .doesNotContain("\\Deleted");
    }

    /**
     * Runs the script; each command maps to whether it succeeded. Every refusal must say NOPERM,
     * except on the hidden ticket registry, answered as if it did not exist (RFC 4314 section 4).
     */
    private static Map<String, Boolean> run(ImapTestClient imap) throws IOException {
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        for (String command : SCRIPT) {
            boolean ok = command.equals("APPEND")
                ? imap.append("INBOX", message("Appended by a member"))
                : imap.command(command);
            if (!ok) {
                assertThat(imap.lastReply()).as(command)
                    .contains(command.contains("Ticket Registry") ? "NO [NONEXISTENT]" : "NO [NOPERM]")
                    .doesNotContain("Exception");
            }
            outcomes.put(command, ok);
        }
        return outcomes;
    }

    private static Map<String, Boolean> expected(String... allowed) {
        List<String> allowedCommands = List.of(allowed);
        Map<String, Boolean> outcomes = new LinkedHashMap<>();
        SCRIPT.forEach(command -> outcomes.put(command, allowedCommands.contains(command)));
        return outcomes;
    }

    private static String myRights(ImapTestClient imap) throws IOException {
        assertThat(imap.command("MYRIGHTS INBOX")).isTrue();
        Matcher matcher = Pattern.compile("\\* MYRIGHTS \"?INBOX\"? \"?([a-z]*)\"?").matcher(imap.lastReply());
        assertThat(matcher.find()).as(imap.lastReply()).isTrue();
        return matcher.group(1);
    }

    /** Three messages to work on, delivered as customers' mail is (APPEND itself is in the script). */
    private void appendThreeMessages() throws Exception {
        for (int number = 1; number <= 3; number++) {
            server.smtp().send("jane@customer.test", "Question " + number, SUPPORT);
            server.awaitMessages(SUPPORT, ALICE, "INBOX", number);
        }
    }

    /** Sequence number → FLAGS of every INBOX message, read by the full member without changing them. */
    private Map<String, String> flagsOfEveryMessage() throws IOException {
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.command("EXAMINE INBOX")).isTrue();
            assertThat(alice.command("FETCH 1:* (FLAGS)")).isTrue();
            Map<String, String> flags = new LinkedHashMap<>();
            Matcher matcher = Pattern.compile("\\* (\\d+) FETCH \\(FLAGS \\(([^)]*)\\)").matcher(alice.lastReply());
            while (matcher.find()) {
                flags.put(matcher.group(1), matcher.group(2));
            }
            return flags;
        }
    }

    private static String message(String subject) {
        return "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: " + subject + "\r\n\r\nHello\r\n";
    }
}
