package com.teaminbox.it;

import static com.teaminbox.it.ReportFixture.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.Folder;
import javax.mail.Message;
import javax.mail.Session;
import javax.mail.Store;
import javax.mail.internet.ContentType;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.james.reports.WeeklyDigestSchedule;

/**
 * The demo's weekly digest of support@ (to alice, Monday 08:00 Paris) with a clock the test
 * moves: nothing before the time, then one mail in alice's INBOX, read over IMAP by JavaMail,
 * whose MIME structure every client can show. The test starts the server's one digest schedule
 * itself, so that "nothing sent" is asserted after checks that read the clock, not after a pause.
 */
class WeeklyDigestIntegrationTest {
    /** Monday 9 November, 07:50 in Paris. */
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-09T06:50:00Z"));

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(ReportFixture.seeded()
            .andThen(home -> ExtensionStartablesProbe.withoutStartable(home, WeeklyDigestSchedule.class)),
        List.of(RetentionFixture.clock(clock)), ExtensionStartablesProbe.MODULE);

    private WeeklyDigestSchedule schedule;

    @BeforeAll
    static void checkOftenInsteadOfEveryMinute() {
        System.setProperty(WeeklyDigestSchedule.TICK_PROPERTY, "200");
    }

    @AfterAll
    static void restoreTheMinute() {
        System.clearProperty(WeeklyDigestSchedule.TICK_PROPERTY);
    }

    @BeforeEach
    void startTheSchedule() throws Exception {
        schedule = server.probe(ExtensionStartablesProbe.class).started(WeeklyDigestSchedule.class);
    }

    @AfterEach
    void stopTheSchedule() {
        schedule.stop();
    }

    /** Two more checks: the first may have read the clock before the test moved it, the second began after. */
    private void awaitChecksOfTheClockNow() throws Exception {
        long completed = schedule.completedChecks();
        TeamInboxServer.awaitUntil(() -> schedule.completedChecks() >= completed + 2, "two more digest checks");
    }

    @Test
    void digestShouldReachTheLeadsInboxOnceAsMultipartAlternativeWithInlineCharts() throws Exception {
        awaitChecksOfTheClockNow();
        assertThat(digests()).as("nothing before Monday 08:00").isEmpty();

        clock.advance(Duration.ofMinutes(15));
        TeamInboxServer.awaitUntil(() -> digests().size() == 1, "the weekly digest in alice's INBOX");
        awaitChecksOfTheClockNow();
        List<MimeMessage> digests = digests();
        assertThat(digests).as("sent once").hasSize(1);

        MimeMessage digest = digests.get(0);
        assertThat(digest.getSubject()).isEqualTo("Weekly review of support@example.test, 2026-11-02 to 2026-11-08");
        assertThat(digest.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(new ContentType(digest.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        MimeMultipart alternative = (MimeMultipart) digest.getContent();
        assertThat(alternative.getCount()).isEqualTo(2);

        MimeBodyPart text = (MimeBodyPart) alternative.getBodyPart(0);
        assertThat(new ContentType(text.getContentType()).getBaseType()).isEqualTo("text/plain");
        assertThat(new ContentType(text.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        assertThat((String) text.getContent()).contains("New tickets:             4").contains("SUP-903  first-response breached")
            .contains("Backlog:                 2 open, 1 pending, 1 overdue");

        MimeBodyPart related = (MimeBodyPart) alternative.getBodyPart(1);
        assertThat(new ContentType(related.getContentType()).getBaseType()).isEqualTo("multipart/related");
        MimeMultipart parts = (MimeMultipart) related.getContent();
        MimeBodyPart html = (MimeBodyPart) parts.getBodyPart(0);
        assertThat(new ContentType(html.getContentType()).getBaseType()).isEqualTo("text/html");
        assertThat(new ContentType(html.getContentType()).getParameter("charset")).isEqualToIgnoringCase("UTF-8");
        String body = (String) html.getContent();
        assertThat(body).contains("<div class=\"card\" id=\"new-tickets\"><b>4</b>").doesNotContain("<svg").doesNotContain("<script");

        List<String> referenced = new ArrayList<>();
        Matcher cid = Pattern.compile("src=\"cid:([^\"]+)\"").matcher(body);
        while (cid.find()) {
            referenced.add("<" + cid.group(1) + ">");
        }
        List<String> carried = new ArrayList<>();
        for (int index = 1; index < parts.getCount(); index++) {
            MimeBodyPart image = (MimeBodyPart) parts.getBodyPart(index);
            assertThat(new ContentType(image.getContentType()).getBaseType()).isEqualTo("image/png");
            assertThat(image.getDisposition()).isEqualTo("inline");
            try (InputStream png = image.getInputStream()) {
                assertThat(png.readNBytes(8)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            }
            carried.add(image.getContentID());
        }
        assertThat(referenced).hasSize(4).containsExactlyInAnyOrderElementsOf(carried);
    }

    private List<MimeMessage> digests() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("mail.imap.host", "127.0.0.1");
        properties.setProperty("mail.imap.port", Integer.toString(server.ports().imap()));
        Store store = Session.getInstance(properties).getStore("imap");
        store.connect("alice@example.test", TeamInboxServer.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<MimeMessage> digests = new ArrayList<>();
            for (Message message : inbox.getMessages()) {
                if (message.getSubject() != null && message.getSubject().startsWith("Weekly review of ")) {
                    // A copy that outlives the folder: the assertions read it after the store closes.
                    digests.add(new MimeMessage((MimeMessage) message));
                }
            }
            inbox.close(false);
            return digests;
        } finally {
            store.close();
        }
    }
}
