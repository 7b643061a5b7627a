package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code spoofed-from="mark"}, unauthenticated mail on the incoming port that shows a shared
 * address is delivered with {@code X-TeamInbox-Spoofed} naming it, its own headers untouched; a
 * client cannot plant that header on other mail.
 */
class SpoofedFromMarkIntegrationTest {
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(SpoofedFromMark::everywhere);

    @Test
    void spoofedMailShouldBeDeliveredMarked() throws Exception {
        SubmissionClient.Reply reply = new SubmissionClient(server.ports().smtp()).deliver(JANE, ALICE,
            "From: \"Support\" <\"support\"@example.test>\r\nTo: " + ALICE + "\r\nSubject: Reset your password\r\n"
                + "Message-ID: <spoof-1@customer.test>\r\n\r\nClick here.\r\n");
        assertThat(reply.isAccepted()).as("%s", reply).isTrue();

        awaitInbox("Reset your password");
        try (ImapTestClient imap = server.imapAs(ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("X-TeamInbox-Spoofed")).containsExactly("support@example.test");
            assertThat(imap.headers("Message-ID")).containsExactly("<spoof-1@customer.test>");
        }
    }

    @Test
    void markHeaderSentByAClientShouldBeRemoved() throws Exception {
        SubmissionClient.Reply reply = new SubmissionClient(server.ports().smtp()).deliver(JANE, ALICE,
            "From: " + JANE + "\r\nTo: " + ALICE + "\r\nSubject: Ordinary mail\r\nX-TeamInbox-Spoofed: sales@example.test\r\n\r\nHi\r\n");
        assertThat(reply.isAccepted()).as("%s", reply).isTrue();

        awaitInbox("Ordinary mail");
        try (ImapTestClient imap = server.imapAs(ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("X-TeamInbox-Spoofed")).isEmpty();
        }
    }

    @Test
    void sharedEnvelopeSenderShouldBeDeliveredMarked() throws Exception {
        SubmissionClient.Reply reply = new SubmissionClient(server.ports().smtp()).deliver("sales@example.test", ALICE,
            "From: " + JANE + "\r\nTo: " + ALICE + "\r\nSubject: Bounce-like\r\n\r\nHi\r\n");
        assertThat(reply.isAccepted()).as("%s", reply).isTrue();

        awaitInbox("Bounce-like");
        try (ImapTestClient imap = server.imapAs(ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("X-TeamInbox-Spoofed")).isEqualTo(List.of("sales@example.test"));
        }
    }

    private void awaitInbox(String subject) throws Exception {
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient imap = server.imapAs(ALICE)) {
                imap.select("INBOX");
                return imap.headers("Subject").contains(subject);
            }
        }, subject + " in alice's INBOX");
    }
}
