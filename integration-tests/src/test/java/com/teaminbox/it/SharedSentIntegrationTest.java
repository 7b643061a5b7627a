package com.teaminbox.it;

import static com.teaminbox.it.Submissions.JANE;
import static com.teaminbox.it.Submissions.SUPPORT;
import static com.teaminbox.it.Submissions.message;
import static com.teaminbox.it.TeamInboxServer.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After acceptance: a member's mail from support@ is delivered, copied read into support's Sent,
 * and the ticket message it answers gets \Answered, seen over IMAP as a member.
 */
class SharedSentIntegrationTest {
    private static final String ALICE = "alice@example.test";
    private static final String CAROL = "carol@example.test";
    private static final Pattern FETCH_FLAGS = Pattern.compile("\\* (\\d+) FETCH \\(FLAGS \\(([^)]*)\\)");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void mailFromSupportShouldBeDeliveredAndCopiedReadToSupportsSent() throws Exception {
        assertThat(submitAs(ALICE, "Your order", "").isAccepted()).isTrue();

        awaitMessages(JANE, "INBOX", 1);
        awaitSentSubjects(List.of("Your order"));
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("Sent");
            assertThat(flags(imap)).containsExactly("\\Seen");
        }
    }

    @Test
    void sendAsMembersMailShouldAlsoBeCopied() throws Exception {
        assertThat(submitAs(CAROL, "From carol", "").isAccepted()).isTrue();

        server.awaitMessages(SUPPORT, ALICE, "Sent", 1);
        awaitMessages(JANE, "INBOX", 1);
    }

    @Test
    void personalMailShouldNotBeCopied() throws Exception {
        new SubmissionClient(server.ports().submission())
            .send(ALICE, TeamInboxServer.PASSWORD, ALICE, JANE, message(ALICE, Optional.empty(), JANE, "Personal"));
        assertThat(submitAs(ALICE, "Shared", "").isAccepted()).isTrue();

        awaitMessages(JANE, "INBOX", 2);
        awaitSentSubjects(List.of("Shared"));
    }

    @Test
    void replyShouldMarkTheMessageItAnswersByInReplyTo() throws Exception {
        openTwoTickets();
        String invoiceMessageId = inboxHeaderOf("[SUP-2] Password reset", "Message-ID");

        // No tag in the subject: only In-Reply-To can tell which message is answered.
        assertThat(submitAs(ALICE, "Re: Password reset", "In-Reply-To: " + invoiceMessageId + "\r\n").isAccepted()).isTrue();

        awaitAnswered(List.of("", "\\Answered"));
    }

    @Test
    void replyShouldMarkTheTicketOfItsSubjectTagWhenNoMessageIdMatches() throws Exception {
        openTwoTickets();
        String printerTicket = inboxHeaderOf("[SUP-1] Printer broken", "X-Ticket");

        assertThat(submitAs(ALICE, "Re: [" + printerTicket + "] Printer broken",
            "In-Reply-To: <unknown@client.example.test>\r\n").isAccepted()).isTrue();

        awaitAnswered(List.of("\\Answered", ""));
    }

    @Test
    void customerReplyWithoutTagToOurAnswerShouldFindTheTicketThroughTheCopyInSent() throws Exception {
        openTwoTickets();
        assertThat(submitAs(ALICE, "Re: [SUP-1] Printer broken", "").isAccepted()).isTrue();
        awaitSentSubjects(List.of("Re: [SUP-1] Printer broken"));
        String answerMessageId;
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("Sent");
            answerMessageId = imap.headers("Message-ID").get(0);
        }

        // Her client dropped the tag: only the Message-ID of our answer, held in Sent, leads to SUP-1.
        server.smtp().sendRaw(JANE, SUPPORT, "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Re: Printer broken\r\n"
            + "Message-ID: <thanks@customer.test>\r\nIn-Reply-To: " + answerMessageId + "\r\n\r\nThanks, it works.\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 3);

        assertThat(inboxHeaderOf("Re: [SUP-1] Printer broken", "X-Ticket")).isEqualTo("SUP-1");
    }

    /** One after the other, so that "Printer broken" is SUP-1 and first in the INBOX. */
    private void openTwoTickets() throws Exception {
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        server.smtp().send(JANE, "Password reset", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);
    }

    private SubmissionClient.Reply submitAs(String member, String subject, String extraHeaders) throws Exception {
        return new SubmissionClient(server.ports().submission())
            .send(member, TeamInboxServer.PASSWORD, member, JANE, message(SUPPORT, Optional.empty(), JANE, subject, extraHeaders));
    }

    private void awaitMessages(String user, String folder, int count) throws Exception {
        awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(user)) {
                return imap.messageCount(folder) >= count;
            }
        }, count + " message(s) in " + user + "'s " + folder);
    }

    /**
     * Waits until support's Sent shows exactly these subjects: a STATUS count can run ahead of
     * what a SELECT then sees, so the content itself is awaited.
     */
    private void awaitSentSubjects(List<String> expected) throws Exception {
        awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
                imap.select("Sent");
                return imap.headers("Subject").equals(expected);
            }
        }, "subjects " + expected + " in support's Sent");
    }

    /** Waits until support's INBOX messages, in order, carry exactly these \Answered flags ("" when not answered). */
    private void awaitAnswered(List<String> expected) throws Exception {
        awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
                imap.select("INBOX");
                List<String> answered = new ArrayList<>();
                for (String flags : flags(imap)) {
                    answered.add(flags.contains("\\Answered") ? "\\Answered" : "");
                }
                return answered.equals(expected);
            }
        }, "\\Answered flags " + expected + " in support's INBOX");
    }

    private String inboxHeaderOf(String subject, String header) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            List<String> subjects = imap.headers("Subject");
            List<String> values = imap.headers(header);
            assertThat(values).hasSameSizeAs(subjects);
            return values.get(subjects.indexOf(subject));
        }
    }

    private static List<String> flags(ImapTestClient imap) throws Exception {
        assertThat(imap.command("FETCH 1:* (FLAGS)")).as(imap.lastReply()).isTrue();
        List<String> flags = new ArrayList<>();
        Matcher matcher = FETCH_FLAGS.matcher(imap.lastReply());
        while (matcher.find()) {
            flags.add(matcher.group(2).replace("\\Recent", "").strip());
        }
        return flags;
    }
}
