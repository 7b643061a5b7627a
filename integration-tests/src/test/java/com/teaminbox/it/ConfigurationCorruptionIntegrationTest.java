package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
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

/**
 * RELIABILITY.md, Configuration and Faults: {@code shared-mailboxes.xml} overwritten with garbage
 * and reloaded while mail flows. The reload is refused, no mail is lost, and every mail is still
 * ticketed under the last good configuration (prefix {@code SUP}).
 */
class ConfigurationCorruptionIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final int SESSIONS = 4;
    /** The larger variant (docs/reliability.md) multiplies the mails: {@code -Dteaminbox.faults.scale=10}. */
    private static final int MAILS_PER_SESSION = 40 * Integer.getInteger("teaminbox.faults.scale", 1);
    private static final String GARBAGE = "<shared-mailboxes><shared-mailbox address=\"support@example.test\" ticket-prefix=\"NEW\">"
        + "\u0000\u00ff garbage <<<< </shared";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void garbledConfigurationReloadedUnderLoadShouldLoseNothingAndKeepTheOldPrefix() throws Exception {
        ExecutorService sessions = Executors.newFixedThreadPool(SESSIONS);
        CountDownLatch halfSent = new CountDownLatch(SESSIONS);
        List<Future<?>> sent = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            int sessionNumber = session;
            sent.add(sessions.submit(() -> {
                List<String> subjects = subjects(sessionNumber);
                server.smtp().sendInOneSession("jane@customer.test", SUPPORT, subjects.subList(0, MAILS_PER_SESSION / 2));
                halfSent.countDown();
                server.smtp().sendInOneSession("jane@customer.test", SUPPORT, subjects.subList(MAILS_PER_SESSION / 2, MAILS_PER_SESSION));
                return null;
            }));
        }
        halfSent.await();
        Files.writeString(server.home().configurationFile("shared-mailboxes.xml"), GARBAGE);
        HttpResponse<String> refused = new WebAdminClient(server.ports().webAdmin()).reloadSharedMailboxes();
        for (Future<?> future : sent) {
            future.get();
        }
        sessions.shutdown();
        int total = SESSIONS * MAILS_PER_SESSION;

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("shared-mailboxes.xml");
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
                return imap.messageCount("INBOX") >= total;
            }
        }, total + " messages in support's INBOX", Duration.ofMinutes(2));
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).hasSize(total)
                .allMatch(subject -> subject.matches("\\[SUP-\\d+] Question \\d+-\\d+"));
            assertThat(imap.headers("X-Ticket")).hasSize(total).doesNotHaveDuplicates().allMatch(ticket -> ticket.startsWith("SUP-"));
        }
        assertThat(new WebAdminClient(server.ports().webAdmin()).repositorySize("var/mail/error/")).isZero();
    }

    private static List<String> subjects(int session) {
        return IntStream.range(0, MAILS_PER_SESSION).mapToObj(mail -> "Question " + session + "-" + mail).collect(Collectors.toList());
    }
}
