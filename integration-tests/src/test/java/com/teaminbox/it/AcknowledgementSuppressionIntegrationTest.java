package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.james.mailets.Acknowledge;

/**
 * Every suppression of RELIABILITY.md, over real SMTP: the original reaches support@, and no
 * acknowledgement reaches anyone. One server for all cases; a last, ordinary mail proves that
 * acknowledgements do flow, and its acknowledgement must be the only one.
 */
class AcknowledgementSuppressionIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String SALES = "sales@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String JANE = "jane@customer.test";
    /** System senders that exist as accounts here, so that a wrong acknowledgement would be seen in their INBOX. */
    private static final List<String> SYSTEM_SENDERS = List.of("MAILER-DAEMON@customer.test", "listserv@customer.test",
        "Majordomo@customer.test", "owner-users@customer.test", "users-request@customer.test", "noreply@customer.test",
        "No-Reply@customer.test");

    // Mail from our own shared addresses arrives on the incoming port here: delivered marked, not refused as a spoof.
    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(SpoofedFromMark::everywhere);
    @RegisterExtension
    LogCapture log = new LogCapture(Acknowledge.class);

    private static String mail(String from, String to, String subject, String extraHeaders) {
        return "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + subject.replaceAll("[^A-Za-z0-9]", "-") + "@customer.test>\r\n"
            + extraHeaders
            + "\r\n"
            + "Hello support.\r\n";
    }

    /** Subject → raw mail from jane's envelope address; each would be acknowledged to jane if the governor failed. */
    private static Map<String, String> casesFromJane() {
        Map<String, String> cases = new LinkedHashMap<>();
        String[] headers = {
            "Return-Path: <>",
            "Auto-Submitted: yes",
            "Auto-Submitted: AUTO-REPLIED",
            "Auto-Submitted: auto-replied; owner-email=\"x@customer.test\"",
            "Auto-Submitted: auto-generated (bot)",
            "Precedence: bulk",
            "Precedence: Junk",
            "Precedence: list",
            "List-Id: <users.lists.customer.test>",
            "List-Help: <mailto:help@lists.customer.test>",
            "List-Unsubscribe: <mailto:leave@lists.customer.test>",
            "List-Post: <mailto:users@lists.customer.test>",
            "List-Owner: <mailto:owner@lists.customer.test>",
            "List-Archive: <https://lists.customer.test/>",
            "List-Subscribe: <mailto:join@lists.customer.test>",
            "X-Auto-Response-Suppress: All",
            "X-Auto-Response-Suppress: DR, AutoReply",
            "X-Auto-Response-Suppress: RN,OOF"};
        for (int index = 0; index < headers.length; index++) {
            String subject = "Suppressed case " + index + " " + headers[index].substring(0, headers[index].indexOf(':'));
            cases.put(subject, mail(JANE, SUPPORT, subject, headers[index] + "\r\n"));
        }
        cases.put("Suppressed delivery report", "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Suppressed delivery report\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; customer.test\r\n\r\n"
            + "Final-Recipient: rfc822; x@customer.test\r\nAction: failed\r\nStatus: 5.1.1\r\n"
            + "--b--\r\n");
        cases.put("Suppressed read receipt", "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Suppressed read receipt\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/report; report-type=disposition-notification; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nYour mail was read.\r\n"
            + "--b\r\nContent-Type: message/disposition-notification\r\n\r\nFinal-Recipient: rfc822; jane@customer.test\r\n"
            + "Disposition: manual-action/MDN-sent-manually; displayed\r\n"
            + "--b--\r\n");
        cases.put("Suppressed blind copy", mail(JANE, "someone@customer.test", "Suppressed blind copy", ""));
        cases.put("Suppressed system From", mail("\"Shop\" <no-reply@customer.test>", SUPPORT, "Suppressed system From", ""));
        return cases;
    }

    @Test
    void noSuppressedMailShouldBeAcknowledged() throws Exception {
        Mailboxes mailboxes = new Mailboxes(server);
        for (String sender : SYSTEM_SENDERS) {
            mailboxes.createUser(sender.toLowerCase());
        }
        List<String> sent = new ArrayList<>();
        for (Map.Entry<String, String> entry : casesFromJane().entrySet()) {
            server.smtp().sendRaw(JANE, SUPPORT, entry.getValue());
            sent.add(entry.getKey());
        }
        server.smtp().sendRaw("<>", SUPPORT, mail(JANE, SUPPORT, "Suppressed null reverse path", ""));
        for (String sender : SYSTEM_SENDERS) {
            server.smtp().sendRaw(sender, SUPPORT, mail(sender, SUPPORT, "Suppressed system sender " + sender, ""));
        }
        server.smtp().sendRaw("postmaster@customer.test", SUPPORT, mail("postmaster@customer.test", SUPPORT, "Suppressed postmaster", ""));
        server.smtp().sendRaw(SUPPORT, SUPPORT, mail(SUPPORT, SUPPORT, "Suppressed from ourselves", ""));
        server.smtp().sendRaw(SALES, SUPPORT, mail(SALES, SUPPORT, "Suppressed from our other mailbox", ""));
        int originals = sent.size() + SYSTEM_SENDERS.size() + 4;

        server.smtp().sendRaw(JANE, SUPPORT, mail("Jane <" + JANE + ">", SUPPORT, "An ordinary question", ""));

        server.awaitMessages(SUPPORT, ALICE, "INBOX", originals + 1);
        assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SUPPORT, originals + 1)).as("acknowledgements sent").isEqualTo(1);
        mailboxes.awaitInbox(JANE, 1);
        assertThat(mailboxes.inboxHeader(JANE, "Subject")).singleElement().asString()
            .matches("\\[SUP-\\d+] Re: An ordinary question");
        for (String sender : SYSTEM_SENDERS) {
            assertThat(mailboxes.inboxCount(sender.toLowerCase())).as("acknowledgements to " + sender).isZero();
        }
        try (ImapTestClient support = server.imapAsMemberOf(SUPPORT, ALICE);
             ImapTestClient sales = server.imapAsMemberOf(SALES, BOB)) {
            assertThat(support.messageCount("INBOX")).as("support@ holds the originals and no acknowledgement").isEqualTo(originals + 1);
            assertThat(sales.messageCount("INBOX")).as("acknowledgements to sales@").isZero();
        }
        Map<String, Long> reasons = log.messages().stream()
            .filter(line -> line.startsWith("No acknowledgement for SUP-"))
            .map(line -> line.replaceFirst("^No acknowledgement for SUP-\\d+: suppress (\\w+) .*$", "$1"))
            .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        assertThat(reasons).as("one recorded reason per suppressed mail").containsExactlyEntriesOf(new TreeMap<>(Map.of(
            "AUTO_SUBMITTED", 4L, "DELIVERY_REPORT", 2L, "MAILING_LIST", 7L, "NOT_ADDRESSED", 1L, "NULL_REVERSE_PATH", 2L,
            "OUR_OWN_MAILBOX", 2L, "PRECEDENCE", 3L, "RESPONSE_SUPPRESSED", 3L, "SYSTEM_SENDER", 9L)));
    }
}
