package com.teaminbox.it;

import static com.teaminbox.it.TeamInboxServer.awaitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first slice, end to end over real SMTP and IMAP: mail to support@ becomes tickets. */
class TicketsIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String SALES = "sales@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void newMailsShouldOpenTicketsOneAndTwo() throws Exception {
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        server.smtp().send(JANE, "Password reset", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] Printer broken", "[SUP-2] Password reset");
            assertThat(imap.headers("X-Ticket")).containsExactly("SUP-1", "SUP-2");
        }
    }

    @Test
    void replyCarryingTheTagShouldKeepItsTicket() throws Exception {
        server.smtp().send(JANE, "Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);
        server.smtp().send(JANE, "Another problem", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 3);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject"))
                .containsExactly("[SUP-1] Printer broken", "Re: [SUP-1] Printer broken", "[SUP-2] Another problem");
            assertThat(imap.headers("X-Ticket")).containsExactly("SUP-1", "SUP-1", "SUP-2");
        }
    }

    /**
     * docs/tickets.md, "How a reply finds its ticket": the ticket a message was given is remembered
     * with its Message-ID, and stays the conversation's ticket once the message is deleted, as a
     * kept subject tag would (until 2026-12-07 the reply searched for the message and opened a new ticket).
     */
    @Test
    void replyThatLostItsTagShouldJoinTheTicketOfAMessageSinceDeleted() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Printer broken\r\n"
            + "Message-ID: <question@customer.test>\r\n\r\nMy printer is broken.\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            alice.select("INBOX");
            assertThat(alice.command("STORE 1 +FLAGS.SILENT (\\Deleted)")).isTrue();
            assertThat(alice.command("EXPUNGE")).isTrue();
            assertThat(alice.messageCount("INBOX")).isZero();
        }

        server.smtp().sendRaw(JANE, SUPPORT, "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Re: Printer broken\r\n"
            + "Message-ID: <reply@customer.test>\r\nIn-Reply-To: <question@customer.test>\r\n\r\nStill broken.\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("Re: [SUP-1] Printer broken");
            assertThat(imap.headers("X-Ticket")).containsExactly("SUP-1");
        }
    }

    @Test
    void twentyConcurrentSessionsShouldGetTwentyDistinctNumbers() throws Exception {
        int sessions = 20;
        ExecutorService senders = Executors.newFixedThreadPool(sessions);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (int index = 0; index < sessions; index++) {
            String subject = "Concurrent issue " + index;
            sent.add(senders.submit(() -> {
                start.await();
                server.smtp().send(JANE, subject, SUPPORT);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : sent) {
            future.get();
        }
        senders.shutdown();
        server.awaitMessages(SUPPORT, ALICE, "INBOX", sessions);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            List<String> tickets = imap.headers("X-Ticket");
            assertThat(tickets).hasSize(sessions).doesNotHaveDuplicates();
            assertThat(tickets).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, sessions).mapToObj(number -> "SUP-" + number).collect(Collectors.toList()));
        }
    }

    @Test
    void mailToTwoSharedMailboxesShouldOpenOneTicketInEach() throws Exception {
        server.smtp().send(JANE, "Quote and support", SUPPORT, SALES);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        server.awaitMessages(SALES, BOB, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] Quote and support");
        }
        try (ImapTestClient imap = server.imapAsMemberOf(SALES, BOB)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SAL-1] Quote and support");
        }
    }

    @Test
    void personalRecipientsShouldKeepTheOriginalSubject() throws Exception {
        server.smtp().send(JANE, "Hello both", SUPPORT, "dave@example.test");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs("dave@example.test")) {
                return imap.messageCount("INBOX") == 1;
            }
        }, "dave's copy");

        try (ImapTestClient imap = server.imapAs("dave@example.test")) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("Hello both");
            assertThat(imap.headers("X-Ticket")).isEmpty();
        }
    }

    @Test
    void encodedLineBreakInSubjectShouldNotBecomeAHeader() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, "From: jane@customer.test\r\n"
            + "To: support@example.test\r\n"
            + "Subject: =?UTF-8?Q?hi=0D=0ABcc:_x@evil.test?=\r\n"
            + "Message-ID: <injection@customer.test>\r\n"
            + "\r\n"
            + "body\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Bcc")).isEmpty();
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] hi Bcc: x@evil.test");
        }
    }

    @Test
    void forgedTicketHeaderShouldBeReplacedByOurs() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, "From: jane@customer.test\r\n"
            + "To: support@example.test\r\n"
            + "Subject: Hello\r\n"
            + "X-Ticket: SUP-999\r\n"
            + "\r\n"
            + "body\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("X-Ticket")).containsExactly("SUP-1");
        }
    }
}
