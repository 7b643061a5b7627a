package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;

/**
 * Load: 50 SMTP clients each send N new mails to support@ at once, while 10 IMAP sessions of
 * alice (a full member) FETCH and STORE flags in the same shared mailbox. Every mail is delivered
 * exactly once (count and distinct Message-IDs over the folders the demo rules file into), every
 * ticket number is distinct, and no member command fails. N is 20 in the suite; the larger run:
 * {@code mvn -B -o verify -pl integration-tests -am -Dtest=LoadIntegrationTest -Dsurefire.failIfNoSpecifiedTests=false -Dteaminbox.load.mails=100}.
 */
class LoadIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final int CLIENTS = 50;
    private static final int MAILS_PER_CLIENT = Integer.getInteger("teaminbox.load.mails", 20);
    private static final int MEMBER_SESSIONS = 10;
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");
    private static final Pattern STATUS_MESSAGES = Pattern.compile("MESSAGES (\\d+)");
    private static final Pattern EXISTS = Pattern.compile("(?m)^\\* (\\d+) EXISTS");
    private static final Pattern ANGLE_ADDRESS = Pattern.compile("<([^>]+)>");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();
    @RegisterExtension
    ErrorLogCapture errorLog = new ErrorLogCapture();

    @Test
    void everyMailShouldBeDeliveredExactlyOnceWithADistinctTicketWhileMembersWork() throws Exception {
        int total = CLIENTS * MAILS_PER_CLIENT;
        AtomicBoolean delivering = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> memberFailures = new ConcurrentLinkedQueue<>();
        AtomicInteger fetches = new AtomicInteger();
        AtomicInteger stores = new AtomicInteger();
        ExecutorService members = Executors.newFixedThreadPool(MEMBER_SESSIONS);
        // the sessions open before the mail flows (see the watcher below for why churn matters)
        CountDownLatch selected = new CountDownLatch(MEMBER_SESSIONS);
        List<Future<?>> memberWork = new ArrayList<>();
        for (int session = 0; session < MEMBER_SESSIONS; session++) {
            memberWork.add(members.submit(() -> {
                work(delivering, selected, memberFailures, fetches, stores);
                return null;
            }));
        }

        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> sent = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            sent.add(clients.submit(() -> {
                start.await();
                sendInOneSession(clientNumber);
                return null;
            }));
        }
        assertThat(selected.await(2, TimeUnit.MINUTES)).as("the members' sessions are open").isTrue();
        long startedAt = System.nanoTime();
        start.countDown();
        for (Future<?> future : sent) {
            future.get();
        }
        clients.shutdown();
        long sentAt = System.nanoTime();
        // One watching session counting with STATUS: a session per poll would register and drop
        // mailbox listeners all the time, and James 3.8.1's in-VM event bus reads its listener
        // multimap unsynchronized (ConcurrentModificationException while the members STORE).
        try (ImapTestClient watcher = server.imapAsMemberOf(SUPPORT, ALICE)) {
            TeamInboxServer.awaitUntil(() -> statusCount(watcher) >= total, total + " messages in support's folders", Duration.ofMinutes(10));
        }
        System.out.printf("Load: %d mails from %d clients sent in %d ms, delivered %d ms later; %d FETCH, %d STORE pairs by %d member sessions%n",
            total, CLIENTS, (sentAt - startedAt) / 1_000_000, (System.nanoTime() - sentAt) / 1_000_000, fetches.get(), stores.get(), MEMBER_SESSIONS);
        delivering.set(false);
        for (Future<?> future : memberWork) {
            future.get();
        }
        members.shutdown();
        // STATUS can run ahead of what a SELECT lists on the memory backend: wait for that too.
        TeamInboxServer.awaitUntil(() -> messageCount() >= total, total + " messages listed in support's folders");

        List<String> delivered = messageIds();
        assertThat(delivered).hasSize(total).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(IntStream.range(0, CLIENTS).boxed()
                .flatMap(client -> IntStream.range(0, MAILS_PER_CLIENT).mapToObj(mail -> messageId(client, mail)))
                .collect(Collectors.toList()));
        assertThat(tickets()).hasSize(total).doesNotHaveDuplicates();
        assertThat(errorLog.errors()).isEmpty();
        assertThat(memberFailures).isEmpty();
        assertThat(fetches.get()).isPositive();
        assertThat(stores.get()).isPositive();
        assertThat(AuditRecords.verifies(server)).as("the audit chain written by all these threads").isTrue();
        assertThat(AuditRecords.of(server, AuditEventType.MAIL_RECEIVED)).hasSize(total);
        assertThat(AuditRecords.of(server, AuditEventType.TICKET_CREATED)).extracting(record -> record.ticket().orElseThrow())
            .hasSize(total).doesNotHaveDuplicates();
        assertThat(AuditRecords.of(server, AuditEventType.FLAGS_CHANGED)).as("one record per STORE, two STOREs per round")
            .hasSizeGreaterThanOrEqualTo(2 * stores.get());
    }

    private void sendInOneSession(int client) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(server.ports().smtp()));
        properties.put("mail.smtp.timeout", "60000");
        Session session = Session.getInstance(properties);
        Transport transport = session.getTransport("smtp");
        transport.connect();
        try {
            for (int mail = 0; mail < MAILS_PER_CLIENT; mail++) {
                String raw = "From: Jane Customer <jane@customer.test>\r\n"
                    + "To: support@example.test\r\n"
                    + "Subject: Load " + client + "-" + mail + "\r\n"
                    + "Message-ID: <" + messageId(client, mail) + ">\r\n"
                    + "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\n"
                    + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                    + "Hello,\r\nmail " + mail + " of client " + client + ".\r\n";
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
                transport.sendMessage(message, new InternetAddress[] {new InternetAddress(SUPPORT)});
            }
        } finally {
            transport.close();
        }
    }

    private static String messageId(int client, int mail) {
        return "load-" + client + "-" + mail + "@customer.test";
    }

    /** A member at work: reads the newest messages and flags some, until delivery is over. */
    private void work(AtomicBoolean delivering, CountDownLatch selected, ConcurrentLinkedQueue<String> failures, AtomicInteger fetches,
                      AtomicInteger stores) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            selected.countDown();
            int exists = exists(imap.lastReply(), 0);
            while (delivering.get()) {
                check(imap, "NOOP", failures);
                exists = exists(imap.lastReply(), exists);
                if (exists > 0) {
                    int from = Math.max(1, exists - 9);
                    check(imap, "FETCH " + from + ":" + exists + " (FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID X-TICKET)])", failures);
                    fetches.incrementAndGet();
                    int target = ThreadLocalRandom.current().nextInt(1, exists + 1);
                    check(imap, "STORE " + target + " +FLAGS (\\Seen $Handled)", failures);
                    check(imap, "STORE " + target + " -FLAGS ($Handled)", failures);
                    stores.incrementAndGet();
                }
                Thread.sleep(50);
            }
        }
    }

    private static void check(ImapTestClient imap, String command, ConcurrentLinkedQueue<String> failures) throws Exception {
        if (!imap.command(command)) {
            failures.add(command + " -> " + imap.lastReply());
        }
    }

    private static int exists(String reply, int previous) {
        Matcher matcher = EXISTS.matcher(reply);
        int exists = previous;
        while (matcher.find()) {
            exists = Integer.parseInt(matcher.group(1));
        }
        return exists;
    }

    private static int statusCount(ImapTestClient watcher) throws Exception {
        int count = 0;
        for (String folder : FOLDERS) {
            if (!watcher.command("STATUS " + folder + " (MESSAGES)")) {
                return -1;
            }
            Matcher messages = STATUS_MESSAGES.matcher(watcher.lastReply());
            count += messages.find() ? Integer.parseInt(messages.group(1)) : 0;
        }
        return count;
    }

    private int messageCount() throws Exception {
        int count = 0;
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            for (String folder : FOLDERS) {
                count += imap.messageCount(folder);
            }
        }
        return count;
    }

    private List<String> messageIds() throws Exception {
        return headersOverFolders("Message-ID").stream()
            .map(value -> {
                Matcher address = ANGLE_ADDRESS.matcher(value);
                return address.find() ? address.group(1) : value;
            })
            .collect(Collectors.toList());
    }

    private List<String> tickets() throws Exception {
        return headersOverFolders("X-Ticket");
    }

    private List<String> headersOverFolders(String header) throws Exception {
        List<String> values = new ArrayList<>();
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            for (String folder : FOLDERS) {
                imap.select(folder);
                values.addAll(imap.headers(header));
            }
        }
        return values;
    }

}
