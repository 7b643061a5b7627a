package com.teaminbox.it;

import static com.teaminbox.it.Submissions.JANE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nobody without the right can put a shared address in any author header, whatever the spelling:
 * a generated table of spellings × headers, each submitted by dave (member of no shared mailbox)
 * on the submission port, and each sent without authentication on the incoming port (a spoof,
 * refused by default), each refused with 550 5.7.1 at the end of DATA, none delivered.
 */
class SharedAddressSpellingsIntegrationTest {
    static final String DAVE = "dave@example.test";
    static final String ALICE = "alice@example.test";
    static final String SPOOF_REFUSED = "550 5.7.1 support@example.test is a shared mailbox of this server: "
        + "mail from it does not arrive from outside (spoofed sender)";

    /** How a header can show support@example.test to a reader, with the raw header text. */
    static final List<String> SPELLINGS = List.of(
        "support@example.test",
        "<support@example.test>",
        "SUPPORT@EXAMPLE.TEST",
        "Support <Support@Example.Test>",
        "<\"support\"@example.test>",
        "\"support\"@example.test",
        "\"sup\\port\"@example.test",
        "support(team)@example.test",
        "support @ example.test",
        "\"support@example.test\" <dave@example.test>",
        "=?UTF-8?Q?support=40example.test?= <dave@example.test>",
        "=?UTF-8?B?c3VwcG9ydEBleGFtcGxlLnRlc3Q=?= <dave@example.test>",
        "Support <support@example.test",
        "dave@example.test, support@example.test",
        "undisclosed: dave@example.test, support@example.test;");

    /** {@code MAIL FROM} spellings of support@example.test (RFC 5321 4.1.2: quotes do not make another mailbox). */
    static final List<String> ENVELOPE_SPELLINGS = List.of("support@example.test", "SUPPORT@Example.TEST",
        "\"support\"@example.test", "\"Support\"@example.test");

    static final List<String> HEADERS = List.of("From", "Sender", "Resent-From", "Resent-Sender");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void nonMemberShouldBeRefusedEverySpellingInEveryAuthorHeader() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (Map.Entry<String, String> mail : mails().entrySet()) {
            SubmissionClient.Reply reply = new SubmissionClient(server.ports().submission())
                .send(DAVE, TeamInboxServer.PASSWORD, DAVE, JANE, mail.getValue());
            if (reply.code() != 550 || !reply.text().startsWith("550 5.7.1 dave@example.test may not send as support@example.test")) {
                accepted.add(mail.getKey() + " -> " + reply);
            }
        }

        assertThat(accepted).as("mails not refused").isEmpty();
        Submissions.assertOnlyDelivered(server, DAVE, List.of());
    }

    @Test
    void unauthenticatedMailOnTheIncomingPortShouldBeRefusedEverySpellingInEveryAuthorHeader() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (Map.Entry<String, String> mail : mails().entrySet()) {
            SubmissionClient.Reply reply = new SubmissionClient(server.ports().smtp()).deliver(JANE, ALICE, mail.getValue());
            if (!reply.text().equals(SPOOF_REFUSED)) {
                accepted.add(mail.getKey() + " -> " + reply);
            }
        }

        assertThat(accepted).as("mails not refused").isEmpty();
        assertOnlyDeliveredToAlice();
    }

    @Test
    void unauthenticatedSharedEnvelopeSenderShouldBeRefusedAtMailFrom() throws Exception {
        for (String envelopeSender : ENVELOPE_SPELLINGS) {
            SubmissionClient.Reply reply = new SubmissionClient(server.ports().smtp())
                .deliver(envelopeSender, ALICE, "From: jane@customer.test\r\nSubject: envelope\r\n\r\nHi\r\n");

            assertThat(reply.command()).as(envelopeSender).isEqualTo("MAIL");
            assertThat(reply.text()).as(envelopeSender).isEqualTo(SPOOF_REFUSED);
        }
    }

    @Test
    void nonMemberShouldBeRefusedEverySpellingOfTheSharedEnvelopeSender() throws Exception {
        for (String envelopeSender : ENVELOPE_SPELLINGS) {
            SubmissionClient.Reply reply = new SubmissionClient(server.ports().submission())
                .send(DAVE, TeamInboxServer.PASSWORD, envelopeSender, JANE, "From: dave@example.test\r\nSubject: envelope\r\n\r\nHi\r\n");

            assertThat(reply.command()).as(envelopeSender).isEqualTo("MAIL");
            assertThat(reply.text()).as(envelopeSender)
                .isEqualTo("550 5.7.1 dave@example.test may not send as support@example.test (not a member)");
        }
    }

    /** A mail from jane reaches alice alone: none of the refused mails was queued before it. */
    private void assertOnlyDeliveredToAlice() throws Exception {
        String marker = "marker " + UUID.randomUUID();
        SubmissionClient.Reply reply = new SubmissionClient(server.ports().smtp())
            .deliver(JANE, ALICE, "From: " + JANE + "\r\nTo: " + ALICE + "\r\nSubject: " + marker + "\r\n\r\nHi\r\n");
        assertThat(reply.isAccepted()).as("the marker mail %s", reply).isTrue();
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(ALICE)) {
                imap.select("INBOX");
                return imap.headers("Subject").contains(marker);
            }
        }, "the marker mail in alice's INBOX");
        try (ImapTestClient imap = server.imapAs(ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly(marker);
        }
    }

    @Test
    void nonMemberShouldBeRefusedASharedAddressInASecondFromHeader() throws Exception {
        String mail = "From: dave@example.test\r\nFrom: support@example.test\r\nTo: " + JANE + "\r\nSubject: two From\r\n\r\nHi\r\n";

        SubmissionClient.Reply reply = new SubmissionClient(server.ports().submission())
            .send(DAVE, TeamInboxServer.PASSWORD, DAVE, JANE, mail);

        assertThat(reply.text()).startsWith("550 5.7.1 dave@example.test may not send as support@example.test");
    }

    /** Subject (the key) -> raw mail: one per spelling and header; dave is the From: when the header is another. */
    static Map<String, String> mails() {
        Map<String, String> mails = new LinkedHashMap<>();
        for (String header : HEADERS) {
            for (String spelling : SPELLINGS) {
                String subject = header + ": " + spelling + " " + UUID.randomUUID();
                StringBuilder mail = new StringBuilder();
                if (!header.equals("From")) {
                    mail.append("From: ").append(DAVE).append("\r\n");
                }
                if (header.equals("Resent-Sender")) {
                    mail.append("Resent-From: ").append(DAVE).append("\r\n");
                }
                mail.append(header).append(": ").append(spelling).append("\r\n")
                    .append("To: ").append(JANE).append("\r\n")
                    .append("Subject: ").append(subject.replace(':', ' ')).append("\r\n")
                    .append("\r\nHello.\r\n");
                mails.put(subject, mail.toString());
            }
        }
        return mails;
    }
}
