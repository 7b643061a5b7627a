package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.internet.MimeUtility;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inbound threading scenarios 1–5, retries, vague and international subjects, over real SMTP then IMAP. */
class SubjectConventionsIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    private void deliver(int expectedCount, String... headerLines) throws Exception {
        StringBuilder raw = new StringBuilder("From: jane@customer.test\r\nTo: support@example.test\r\n");
        for (String header : headerLines) {
            raw.append(header).append("\r\n");
        }
        raw.append("\r\nHello\r\n");
        server.smtp().sendRaw(JANE, SUPPORT, raw.toString());
        server.awaitMessages(SUPPORT, ALICE, "INBOX", expectedCount);
    }

    private List<String> inbox(String header) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            return imap.headers(header);
        }
    }

    private String lastSubject() throws Exception {
        List<String> subjects = inbox("Subject");
        return subjects.get(subjects.size() - 1);
    }

    @Test
    void replyThatLostItsTagShouldFindItsTicketThroughInReplyTo() throws Exception {
        deliver(1, "Subject: Printer broken", "Message-ID: <first@customer.test>");
        deliver(2, "Subject: Re: Printer broken", "Message-ID: <second@customer.test>", "In-Reply-To: <first@customer.test>");

        assertThat(inbox("Subject")).containsExactly("[SUP-1] Printer broken", "Re: [SUP-1] Printer broken");
        assertThat(inbox("X-Ticket")).containsExactly("SUP-1", "SUP-1");
    }

    @Test
    void replyThatLostItsTagShouldFindItsTicketThroughOlderReferences() throws Exception {
        deliver(1, "Subject: Printer broken", "Message-ID: <first@customer.test>");
        deliver(2, "Subject: Fwd: Printer broken", "Message-ID: <third@customer.test>",
            "References: <first@customer.test> <unknown@elsewhere.test>", "In-Reply-To: <unknown@elsewhere.test>");

        assertThat(lastSubject()).isEqualTo("Fwd: [SUP-1] Printer broken");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        // scenario 3: a number we never issued opens a new ticket, the bogus tag kept as text
        "[SUP-999] Printer broken|[SUP-1] [SUP-999] Printer broken",
        // scenario 4: other systems' tags are kept, never doubled, never nested
        "[RT #55] Printer broken|[SUP-1] [RT #55] Printer broken",
        "Re: [Ticket#2024112710000011] Printer broken|Re: [SUP-1] [Ticket#2024112710000011] Printer broken",
        "[JIRA-12] Printer broken|[SUP-1] [JIRA-12] Printer broken",
        // scenario 5: reply chains get our tag once, after their prefixes
        "Re: RE: AW: Fwd: TR: Printer broken|Re: RE: AW: Fwd: TR: [SUP-1] Printer broken",
    })
    void newTicketSubjectShouldBeExactly(String subject, String expected) throws Exception {
        deliver(1, "Subject: " + subject);

        assertThat(inbox("Subject")).containsExactly(expected);
        assertThat(inbox("X-Ticket")).containsExactly("SUP-1");
    }

    @Test
    void replyChainsShouldNeverDuplicateOurTag() throws Exception {
        deliver(1, "Subject: Printer broken");
        deliver(2, "Subject: Re: RE: AW: Fwd: TR: [SUP-1] Printer broken");
        deliver(3, "Subject: Re: [SUP-1] Re: [sup-1] Printer broken");

        assertThat(inbox("Subject")).containsExactly(
            "[SUP-1] Printer broken", "Re: RE: AW: Fwd: TR: [SUP-1] Printer broken", "Re: [SUP-1] Re: Printer broken");
        assertThat(inbox("X-Ticket")).containsExactly("SUP-1", "SUP-1", "SUP-1");
    }

    @Test
    void searchForTheTicketShouldFindTheWholeConversation() throws Exception {
        deliver(1, "Subject: Printer broken", "Message-ID: <first@customer.test>");
        deliver(2, "Subject: Something else");
        deliver(3, "Subject: Re: Printer broken", "In-Reply-To: <first@customer.test>");

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.command("SEARCH SUBJECT \"SUP-1\"")).isTrue();
            assertThat(imap.lastReply()).contains("* SEARCH 1 3\n");
            assertThat(imap.command("SEARCH HEADER X-Ticket \"SUP-2\"")).isTrue();
            assertThat(imap.lastReply()).contains("* SEARCH 2\n");
        }
    }

    @Test
    void sameMailDeliveredTwiceShouldKeepItsNumber() throws Exception {
        // A sending server that timed out after DATA sends the same message again: same Message-ID, no tag.
        deliver(1, "Subject: Printer broken", "Message-ID: <retry@customer.test>");
        deliver(2, "Subject: Printer broken", "Message-ID: <retry@customer.test>");
        deliver(3, "Subject: Another problem", "Message-ID: <other@customer.test>");

        assertThat(inbox("X-Ticket")).containsExactly("SUP-1", "SUP-1", "SUP-2");
    }

    @Test
    void vagueSubjectShouldBeFlaggedForTriageAndStillTicketed() throws Exception {
        deliver(1, "Subject: Hi!");
        deliver(2, "Subject: Printer broken on floor 2");

        assertThat(inbox("Subject")).containsExactly("[SUP-1] Hi!", "[SUP-2] Printer broken on floor 2");
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.command("FETCH 1:2 (FLAGS)")).isTrue();
            assertThat(imap.lastReply()).containsPattern("\\* 1 FETCH \\(FLAGS \\([^)]*\\$Triage");
            assertThat(imap.lastReply()).doesNotContainPattern("\\* 2 FETCH \\(FLAGS \\([^)]*\\$Triage");
        }
    }

    @Test
    void missingSubjectShouldBecomeTheTagAndBeFlagged() throws Exception {
        deliver(1, "Message-ID: <nosubject@customer.test>");

        assertThat(inbox("Subject")).containsExactly("[SUP-1]");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "UTF-8|B|Réclamation : colis n° 42 — délai dépassé",
        "UTF-8|B|プリンターが壊れました",
        "ISO-8859-1|Q|Problème de connexion à l'extranet",
        "windows-1252|Q|Colis – “perdu” €",
        "ISO-2022-JP|B|請求書について",
    })
    void internationalSubjectShouldRoundTripWithOurTag(String charset, String encoding, String original) throws Exception {
        String encoded = MimeUtility.encodeText(original, charset, encoding);
        deliver(1, "Subject: " + encoded);

        String rawSubject = rawHeader("Subject");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(rawSubject))).isEqualTo("[SUP-1] " + original);
        assertThat(Charset.isSupported(charset)).isTrue();
    }

    @Test
    void longSubjectShouldBeFoldedWithinLineLimits() throws Exception {
        String original = "Très long sujet ".repeat(60).strip();
        deliver(1, "Subject: " + MimeUtility.fold(9, MimeUtility.encodeText(original, "UTF-8", "Q")));

        String rawSubject = rawHeader("Subject");
        assertThat(rawSubject.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(rawSubject))).isEqualTo("[SUP-1] " + original);
    }

    /** The header as stored, folded lines and encoded-words included, without its name. */
    private String rawHeader(String name) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (" + name + ")])")).isTrue();
            Matcher matcher = Pattern.compile("(?s)" + name + ": (.*?)\r\n(?![ \t])", Pattern.CASE_INSENSITIVE).matcher(imap.lastReply());
            assertThat(matcher.find()).as("header " + name + " in " + imap.lastReply()).isTrue();
            return matcher.group(1);
        }
    }
}
