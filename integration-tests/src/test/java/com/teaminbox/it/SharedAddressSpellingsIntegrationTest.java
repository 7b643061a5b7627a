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
 * A member of no shared mailbox cannot put a shared address in any author header, whatever the
 * spelling: a generated table of spellings × headers, each submitted by dave on the submission
 * port, each refused with 550 5.7.1 at the end of DATA, none delivered.
 */
class SharedAddressSpellingsIntegrationTest {
    static final String DAVE = "dave@example.test";

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
