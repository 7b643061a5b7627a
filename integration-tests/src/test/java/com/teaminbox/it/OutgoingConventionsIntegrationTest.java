package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import javax.mail.SendFailedException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.mail.smtp.SMTPSendFailedException;

/** Outgoing subject conventions on the submission port: fix, reject (in the SMTP dialogue), flag. */
class OutgoingConventionsIntegrationTest {
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <outgoing-subjects mode=\"fix\"/>\n"
        + "  </shared-mailbox>\n"
        + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <outgoing-subjects mode=\"reject\"/>\n"
        + "  </shared-mailbox>\n"
        + "  <shared-mailbox address=\"projects@example.test\" ticket-prefix=\"PRJ\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <outgoing-subjects mode=\"flag\"><project prefix=\"ACME\"/></outgoing-subjects>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withSharedMailboxes(CONFIGURATION));

    private void submitAs(String sharedAddress, String... headerLines) throws Exception {
        StringBuilder raw = new StringBuilder("From: " + sharedAddress + "\r\nTo: " + JANE + "\r\n");
        for (String header : headerLines) {
            raw.append(header).append("\r\n");
        }
        raw.append("\r\nDear Jane,\r\n");
        server.submission().submit(ALICE, TeamInboxServer.PASSWORD, ALICE, JANE, raw.toString());
    }

    private List<String> janeReceived(int count, String header) throws Exception {
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(JANE)) {
                return imap.messageCount("INBOX") >= count;
            }
        }, count + " mail(s) for jane");
        try (ImapTestClient imap = server.imapAs(JANE)) {
            imap.select("INBOX");
            return imap.headers(header);
        }
    }

    @Test
    void fixShouldInsertTheTicketOfTheConversation() throws Exception {
        server.smtp().sendRaw(JANE, "support@example.test", "From: jane@customer.test\r\nTo: support@example.test\r\n"
            + "Subject: Printer broken\r\nMessage-ID: <question@customer.test>\r\n\r\nHelp\r\n");
        server.awaitMessages("support@example.test", ALICE, "INBOX", 1);

        submitAs("support@example.test", "Subject: Re: Printer broken", "In-Reply-To: <question@customer.test>");

        assertThat(janeReceived(1, "Subject")).containsExactly("Re: [SUP-1] Printer broken");
        assertThat(janeReceived(1, "X-Ticket")).containsExactly("SUP-1");
    }

    @Test
    void fixShouldOpenATicketForANewConversation() throws Exception {
        submitAs("support@example.test", "Subject: Your new printer");

        assertThat(janeReceived(1, "Subject")).containsExactly("[SUP-1] Your new printer");
    }

    @Test
    void rejectShouldRefuseDuringTheDialogueNamingTheFormat() throws Exception {
        Throwable refusal = catchThrowable(() -> submitAs("sales@example.test", "Subject: Our offer"));

        assertThat(refusal).isInstanceOf(SendFailedException.class);
        assertThat(((SMTPSendFailedException) refusal).getReturnCode()).isEqualTo(550);
        assertThat(refusal.getMessage()).contains("5.7.1 Mail sent as sales@example.test must follow its subject convention: "
            + "the subject must carry the ticket tag, e.g. \"Re: [SAL-1042] Printer broken\"");
        try (ImapTestClient imap = server.imapAs(JANE)) {
            assertThat(imap.messageCount("INBOX")).isZero();
        }
    }

    @Test
    void rejectShouldAcceptAConformingSubject() throws Exception {
        server.smtp().send(JANE, "Quote please", "sales@example.test");
        server.awaitMessages("sales@example.test", ALICE, "INBOX", 1);

        submitAs("sales@example.test", "Subject: Re: [SAL-1] Quote please");

        assertThat(janeReceived(1, "Subject")).containsExactly("Re: [SAL-1] Quote please");
    }

    @Test
    void flagShouldDeliverUnchangedAndMarkIt() throws Exception {
        // The second is sent once the first is in: two submissions in flight may arrive in either order.
        submitAs("projects@example.test", "Subject: Quarterly report");
        janeReceived(1, "Subject");
        submitAs("projects@example.test", "Subject: [ACME] - Quarterly report");

        assertThat(janeReceived(2, "Subject")).containsExactly("Quarterly report", "[ACME] - Quarterly report");
        assertThat(janeReceived(2, "X-Subject-Convention")).hasSize(1).allSatisfy(value -> assertThat(value).startsWith("violated"));
    }

    @Test
    void personalMailShouldBeUntouched() throws Exception {
        server.submission().submit(ALICE, TeamInboxServer.PASSWORD, ALICE, JANE,
            "From: alice@example.test\r\nTo: jane@customer.test\r\nSubject: Lunch?\r\n\r\nHi\r\n");

        assertThat(janeReceived(1, "Subject")).containsExactly("Lunch?");
        assertThat(janeReceived(1, "X-Subject-Convention")).isEmpty();
    }
}
