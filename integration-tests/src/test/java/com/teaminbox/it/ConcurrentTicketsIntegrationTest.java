package com.teaminbox.it;

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

/** Ticket numbers stay unique under load: 50 simultaneous SMTP sessions, 20 new mails each. */
class ConcurrentTicketsIntegrationTest {
    private static final int SESSIONS = 50;
    private static final int MAILS_PER_SESSION = 20;
    private static final String SUPPORT = "support@example.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void thousandNewMailsFromFiftySessionsShouldGetThousandDistinctNumbers() throws Exception {
        ExecutorService sessions = Executors.newFixedThreadPool(SESSIONS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            int sessionNumber = session;
            List<String> subjects = IntStream.range(0, MAILS_PER_SESSION)
                .mapToObj(mail -> "Issue " + sessionNumber + "-" + mail)
                .collect(Collectors.toList());
            sent.add(sessions.submit(() -> {
                start.await();
                server.smtp().sendInOneSession("jane@customer.test", SUPPORT, subjects);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : sent) {
            future.get();
        }
        sessions.shutdown();
        int total = SESSIONS * MAILS_PER_SESSION;
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, "alice@example.test")) {
                return imap.messageCount("INBOX") >= total;
            }
        }, total + " messages in support's INBOX", java.time.Duration.ofMinutes(5));

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, "alice@example.test")) {
            imap.select("INBOX");
            // Subjects first: a message too many is named (a mail delivered twice, or something else in the INBOX).
            List<String> subjects = imap.headers("Subject");
            assertThat(subjects).as("each mail once in the INBOX").doesNotHaveDuplicates()
                .allMatch(subject -> subject.matches("\\[SUP-\\d+\\] Issue \\d+-\\d+"), "a ticket-tagged mail of this test");
            assertThat(imap.messageCount("INBOX")).isEqualTo(total);
            List<String> tickets = imap.headers("X-Ticket");
            assertThat(tickets).hasSize(total).doesNotHaveDuplicates();
            assertThat(tickets).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, total).mapToObj(number -> "SUP-" + number).collect(Collectors.toList()));
        }
    }
}
