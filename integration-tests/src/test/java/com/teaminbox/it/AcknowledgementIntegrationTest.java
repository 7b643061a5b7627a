package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acknowledgements of new tickets in the demo configuration, read by the customer over real IMAP,
 * on a Wednesday morning when support@ is open (a fixed clock: the tests must not depend on the hour they run at).
 */
class AcknowledgementIntegrationTest {
    private static final Instant WEDNESDAY_MORNING = Instant.parse("2030-01-09T10:00:00Z");
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> {
    }, binder -> binder.bind(Clock.class).toInstance(Clock.fixed(WEDNESDAY_MORNING, ZoneOffset.UTC)));

    private final Mailboxes mailboxes = new Mailboxes(server);

    private static String mail(String messageId, String subject, String extraHeaders) {
        return "From: Jane Doe <" + JANE + ">\r\n"
            + "To: Example Support <" + SUPPORT + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: " + messageId + "\r\n"
            + extraHeaders
            + "\r\n"
            + "My printer is broken.\r\n";
    }

    @Test
    void customerShouldReadTheAcknowledgementOfHerNewTicket() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, mail("<printer@customer.test>", "Printer broken", ""));

        mailboxes.awaitInbox(JANE, 1);
        assertThat(mailboxes.inboxHeader(JANE, "Subject")).containsExactly("[SUP-1] Re: Printer broken");
        assertThat(mailboxes.headerBlock(JANE, 1))
            .contains("Return-Path: <>")
            .contains("From: Example Support <support@example.test>")
            .contains("To: jane@customer.test")
            .contains("Auto-Submitted: auto-replied")
            .contains("X-Auto-Response-Suppress: All")
            .contains("In-Reply-To: <printer@customer.test>")
            .contains("References: <printer@customer.test>")
            .contains("Content-Language: en");
        assertThat(mailboxes.body(JANE, 1))
            .contains("Content-Type: text/plain; charset=UTF-8")
            .contains("Hello Jane Doe,\r\n")
            .contains("ticket SUP-1; we answer within 1 business day")
            .contains("Content-Type: text/html; charset=UTF-8")
            .contains("ticket <strong>SUP-1</strong>");
    }

    @Test
    void harmlessAutomationHeadersShouldStillBeAcknowledged() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, mail("<a@customer.test>", "Auto-Submitted no", "Auto-Submitted: no\r\n"));
        server.smtp().sendRaw(JANE, SUPPORT, mail("<b@customer.test>", "Precedence normal", "Precedence: normal\r\n"));
        server.smtp().sendRaw(JANE, SUPPORT, mail("<c@customer.test>", "Suppress none", "X-Auto-Response-Suppress: None\r\n"));

        mailboxes.awaitInbox(JANE, 3);
        assertThat(mailboxes.inboxHeader(JANE, "Subject")).extracting(subject -> subject.replaceFirst("SUP-\\d", "SUP-n"))
            .containsExactlyInAnyOrder("[SUP-n] Re: Auto-Submitted no", "[SUP-n] Re: Precedence normal", "[SUP-n] Re: Suppress none");
        assertThat(mailboxes.inboxHeader(JANE, "Auto-Submitted")).containsExactly("auto-replied", "auto-replied", "auto-replied");
        assertThat(mailboxes.inboxHeader(JANE, "X-Auto-Response-Suppress")).containsExactly("All", "All", "All");
        assertThat(mailboxes.inboxHeader(JANE, "Return-Path")).containsExactly("<>", "<>", "<>");
        assertThat(mailboxes.inboxHeader(JANE, "In-Reply-To"))
            .containsExactlyInAnyOrder("<a@customer.test>", "<b@customer.test>", "<c@customer.test>");
    }

    @Test
    void ticketShouldBeAcknowledgedOnceWhateverFollows() throws Exception {
        String first = mail("<printer@customer.test>", "Printer broken", "");
        server.smtp().sendRaw(JANE, SUPPORT, first);
        mailboxes.awaitInbox(JANE, 1);

        server.smtp().sendRaw(JANE, SUPPORT, mail("<more@customer.test>", "Re: [SUP-1] Printer broken",
            "In-Reply-To: <printer@customer.test>\r\n"));
        server.smtp().sendRaw(JANE, SUPPORT, mail("<untagged@customer.test>", "Re: Printer broken",
            "In-Reply-To: <printer@customer.test>\r\nReferences: <printer@customer.test>\r\n"));
        // The same mail again (a client retrying): the ticket registry gives it the same ticket.
        server.smtp().sendRaw(JANE, SUPPORT, first);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 4);
        assertThat(AuditRecords.acknowledgementsSent(server, SUPPORT)).as("acknowledgements sent").isEqualTo(1);

        assertThat(mailboxes.inboxHeader(JANE, "Subject")).containsExactly("[SUP-1] Re: Printer broken");
    }

    @Test
    void encodedLineBreakInTheSubjectShouldNeverBecomeAHeader() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, mail("<evil@customer.test>", "=?UTF-8?Q?hi=0D=0ABcc:_x@evil.test?=", ""));

        mailboxes.awaitInbox(JANE, 1);
        String headers = mailboxes.headerBlock(JANE, 1);
        assertThat(headers).doesNotContainPattern("(?im)^Bcc:");
        assertThat(headers).containsPattern("(?m)^Subject: \\[SUP-1] Re: hi Bcc: x\\[at]evil\\[.]test\\r?$");
    }

    @Test
    void aStrangerShouldNotMakeTheAcknowledgementCarryHisLinksToTheVictim() throws Exception {
        // No authentication: anyone can claim MAIL FROM:<jane@…> and have support@ write to her.
        String forged = "From: \"Your account is locked, see http://evil.test/unlock\" <attacker@evil.test>\r\n"
            + "To: " + SUPPORT + "\r\n"
            + "Subject: Reset at https://evil.test/reset or mail help@evil.test\r\n"
            + "Message-ID: <phish@evil.test>\r\n"
            + "\r\n"
            + "Hello.\r\n";
        server.smtp().sendRaw(JANE, SUPPORT, forged);

        mailboxes.awaitInbox(JANE, 1);
        String headers = mailboxes.headerBlock(JANE, 1).replaceAll("\r\n(?=[ \t])", "");
        String body = mailboxes.body(JANE, 1);
        assertThat(headers).contains("Subject: [SUP-1] Re: Reset at hxxps://evil[.]test/reset or mail help[at]evil[.]test");
        assertThat(body)
            .contains("Hello Your account is locked, see hxxp://evil[.]test/unlock,")
            .contains("Reset at hxxps://evil[.]test/reset or mail help[at]evil[.]test")
            .doesNotContain("evil.test");
        assertThat(headers.replace("<phish@evil.test>", "")).doesNotContain("evil.test");
    }

    @Test
    void customerTextShouldBeEscapedInTheHtmlPart() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, mail("<html@customer.test>", "Prices <b>now</b> & more", ""));

        mailboxes.awaitInbox(JANE, 1);
        assertThat(mailboxes.body(JANE, 1))
            .contains("Your request \"Prices <b>now</b> & more\" is now")
            .contains("&ldquo;Prices &lt;b&gt;now&lt;/b&gt; &amp; more&rdquo;");
    }

    @Test
    void customerWritingInFrenchShouldGetTheFrenchVariant() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, mail("<fr@customer.test>", "Imprimante en panne", "Content-Language: fr\r\n"));
        server.smtp().sendRaw(JANE, SUPPORT, mail("<de@customer.test>", "Drucker kaputt", "Accept-Language: de, en;q=0.5\r\n"));

        mailboxes.awaitInbox(JANE, 2);
        assertThat(mailboxes.inboxHeader(JANE, "Content-Language")).containsExactlyInAnyOrder("fr", "en");
    }
}
