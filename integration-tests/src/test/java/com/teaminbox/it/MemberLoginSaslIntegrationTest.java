package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;

/**
 * The combined name {@code support@example.test*alice@example.test} in every SASL form a client
 * that only knows a user name sends: {@code AUTHENTICATE PLAIN} with no authorization identity and
 * the whole name as authentication identity, with and without SASL-IR, as Dovecot's master-user
 * separator accepts it (issue 16: {@code curl --user 'support@…*alice@…:demo'} was refused).
 */
class MemberLoginSaslIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String COMBINED = SUPPORT + "*" + ALICE;
    private static final String PASSWORD = TeamInboxServer.PASSWORD;
    private static final String REFUSED = "NO AUTHENTICATE failed. Authentication failed.";
    private static final Pattern AUTH_MECHANISM = Pattern.compile("\\bAUTH=(\\S+)");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void theCombinedNameShouldOpenTheSharedMailboxInEveryPlainForm() throws Exception {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("empty authzid", "\0" + COMBINED + "\0" + PASSWORD);
        responses.put("authzid equal to authcid", COMBINED + "\0" + COMBINED + "\0" + PASSWORD);
        for (Map.Entry<String, String> response : responses.entrySet()) {
            for (boolean initialResponse : new boolean[] {true, false}) {
                try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
                    String form = response.getKey() + (initialResponse ? ", SASL-IR" : ", two steps");
                    assertThat(imap.authenticatePlainResponse(response.getValue(), initialResponse)).as(form + ": " + imap.lastReply()).isTrue();
                    assertThat(imap.listFolders()).as(form).contains("INBOX", "Billing").doesNotContain("Ticket Registry");
                    assertThat(imap.command("SELECT INBOX")).as(form).isTrue();
                }
            }
        }
        assertThat(AuditRecords.of(server, AuditEventType.LOGIN_ACCEPTED)).hasSize(4)
            .allSatisfy(record -> {
                assertThat(record.actor()).hasToString("member:" + ALICE);
                assertThat(record.mailbox()).contains(SUPPORT);
                assertThat(record.details()).containsEntry("command", "AUTHENTICATE").containsEntry("remote", "127.0.0.1");
            });
    }

    @Test
    void aReadOnlyMemberShouldGetHerRoleThroughTheCombinedName() throws Exception {
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.authenticatePlainResponse("\0" + SUPPORT + "*bob@example.test\0" + PASSWORD, true)).as(imap.lastReply()).isTrue();
            assertThat(imap.command("MYRIGHTS INBOX")).isTrue();
            assertThat(imap.lastReply()).as("bob's role, not the owner's").contains("* MYRIGHTS \"INBOX\" \"lr\"");
            assertThat(imap.command("CREATE Escalations")).isFalse();
            assertThat(imap.lastReply()).contains("NO [NOPERM]");
        }
    }

    @Test
    void everyOddCombinedNameShouldGetTheSamePlainNo() throws Exception {
        Map<String, String> responses = new LinkedHashMap<>();
        responses.put("non-member", "\0" + SUPPORT + "*dave@example.test\0" + PASSWORD);
        responses.put("send-as member", "\0" + SUPPORT + "*carol@example.test\0" + PASSWORD);
        responses.put("unknown user", "\0" + SUPPORT + "*nobody@example.test\0" + PASSWORD);
        responses.put("wrong password", "\0" + COMBINED + "\0wrong");
        responses.put("not a shared mailbox", "\0bob@example.test*" + ALICE + "\0" + PASSWORD);
        responses.put("quotes", "\0\"" + SUPPORT + "\"*" + ALICE + "\0" + PASSWORD);
        responses.put("CR LF", "\0" + COMBINED + "\r\nt9 LOGOUT\0" + PASSWORD);
        responses.put("NUL", "\0" + SUPPORT + "\0*" + ALICE + "\0" + PASSWORD);
        responses.put("separator twice", "\0" + SUPPORT + "**" + ALICE + "\0" + PASSWORD);
        responses.put("two separators", "\0" + COMBINED + "*bob@example.test\0" + PASSWORD);
        responses.put("empty member", "\0" + SUPPORT + "*\0" + PASSWORD);
        responses.put("another authzid", "sales@example.test\0" + COMBINED + "\0" + PASSWORD);
        responses.put("combined authzid", COMBINED + "\0" + ALICE + "\0" + PASSWORD);

        Map<String, String> replies = new LinkedHashMap<>();
        for (Map.Entry<String, String> response : responses.entrySet()) {
            try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
                assertThat(imap.authenticatePlainResponse(response.getValue(), true)).as(response.getKey()).isFalse();
                replies.put(response.getKey(), taggedText(imap.lastReply()));
            }
        }

        assertThat(replies.values()).allMatch(REFUSED::equals, replies.toString());
        assertThat(AuditRecords.of(server, AuditEventType.LOGIN_REFUSED)).as("each refusal audited")
            .hasSize(responses.size())
            .allSatisfy(record -> assertThat(record.details()).containsEntry("command", "AUTHENTICATE"));
        assertThat(AuditRecords.of(server, AuditEventType.LOGIN_ACCEPTED)).isEmpty();
    }

    /**
     * "Every mechanism we advertise": James 3.8.1 offers PLAIN only (OAUTHBEARER and XOAUTH2 only
     * with an OpenID configuration, which carries no password). A new mechanism must get the
     * combined name too before it is offered: this test names the ones that do.
     */
    @Test
    void plainShouldBeTheOnlyPasswordMechanismOffered() throws Exception {
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.command("CAPABILITY")).isTrue();
            List<String> mechanisms = new ArrayList<>();
            Matcher mechanism = AUTH_MECHANISM.matcher(imap.lastReply());
            while (mechanism.find()) {
                mechanisms.add(mechanism.group(1));
            }
            assertThat(mechanisms).containsExactly("PLAIN");
            assertThat(imap.lastReply()).contains("SASL-IR");
            assertThat(imap.command("AUTHENTICATE LOGIN")).as("not offered, not run").isFalse();
        }
    }

    /** The reproduction of issue 16 with the stock client it names (skipped where curl is not installed). */
    @Test
    void curlShouldReadTheSharedMailboxWithTheCombinedName() throws Exception {
        assumeThat(Path.of("/usr/bin/curl")).as("curl installed").exists();
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(alice.append("INBOX", "From: jane@customer.test\r\nSubject: curl can read me\r\n\r\nHello\r\n")).isTrue();
        }

        Curl fetched = curl(COMBINED, "/INBOX;MAILINDEX=1");
        Curl searched = curl(COMBINED, "/INBOX?ALL");

        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output()).contains("Subject: curl can read me");
        assertThat(searched.output()).contains("* SEARCH 1");
        assertThat(curl(SUPPORT + "*dave@example.test", "/INBOX?ALL").exitCode()).as("non-member: curl's 'Login denied'").isEqualTo(67);
        assertThat(curl(SUPPORT + "*carol@example.test", "/INBOX?ALL").exitCode()).as("send-as member").isEqualTo(67);
    }

    private Curl curl(String user, String path) throws IOException, InterruptedException {
        Path output = Files.createTempFile("curl", ".txt");
        try {
            Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--max-time", "30",
                "--user", user + ":" + PASSWORD, "imap://127.0.0.1:" + server.ports().imap() + path)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(curl.waitFor(60, TimeUnit.SECONDS)).as("curl ended").isTrue();
            return new Curl(curl.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private record Curl(int exitCode, String output) {
    }

    /** The tagged line without its tag: what a user would read in her client. */
    private static String taggedText(String reply) {
        String[] lines = reply.strip().split("\n");
        String tagged = lines[lines.length - 1].strip();
        return tagged.substring(tagged.indexOf(' ') + 1);
    }
}
