package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Mails as a member's client submits them, and what tests check about where they went. */
final class Submissions {
    static final String SUPPORT = "support@example.test";
    static final String JANE = "jane@customer.test";

    private Submissions() {
    }

    static String message(String from, Optional<String> sender, String to, String subject) {
        return message(from, sender, to, subject, "");
    }

    /** @param extraHeaders further header lines, each ending with CRLF (In-Reply-To, References...) */
    static String message(String from, Optional<String> sender, String to, String subject, String extraHeaders) {
        return "From: " + from + "\r\n"
            + sender.map(address -> "Sender: " + address + "\r\n").orElse("")
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@client.example.test>\r\n"
            + "Date: Fri, 27 Nov 2026 08:00:00 +0000\r\n"
            + extraHeaders
            + "\r\n"
            + "Hello,\r\nthis is a reply from the team.\r\n";
    }

    static SubmissionClient.Reply submit(TeamInboxServer server, String member, String envelopeSender,
                                         String from, Optional<String> sender, String subject) throws Exception {
        return new SubmissionClient(server.ports().submission())
            .send(member, TeamInboxServer.PASSWORD, envelopeSender, JANE, message(from, sender, JANE, subject));
    }

    /**
     * Refused mail was never queued: a mail submitted after it arrives alone. (A refused mail
     * that had slipped into the spool would be there first or at the same time.)
     */
    static void assertOnlyDelivered(TeamInboxServer server, String member, List<String> expectedSubjects) throws Exception {
        assertOnlyDelivered(server, member, expectedSubjects, "");
    }

    /**
     * As {@link #assertOnlyDelivered(TeamInboxServer, String, List)}, among the subjects ending with
     * {@code run}: a test sharing its server with others ends its subjects with its own tag.
     */
    static void assertOnlyDelivered(TeamInboxServer server, String member, List<String> expectedSubjects, String run) throws Exception {
        String marker = "marker " + UUID.randomUUID() + run;
        SubmissionClient.Reply reply = submit(server, member, member, member, Optional.empty(), marker);
        assertThat(reply.isAccepted()).as("the marker mail %s", reply).isTrue();
        List<String> expected = new ArrayList<>(expectedSubjects);
        expected.add(marker);
        // Awaits the content, not a STATUS count: a count can run ahead of what a SELECT sees.
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(JANE)) {
                imap.select("INBOX");
                return imap.headers("Subject").containsAll(expected);
            }
        }, "the marker mail in jane's INBOX");
        Thread.sleep(500);
        try (ImapTestClient imap = server.imapAs(JANE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject").stream().filter(subject -> subject.endsWith(run)))
                .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
