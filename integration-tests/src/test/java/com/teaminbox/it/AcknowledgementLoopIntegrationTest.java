package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.google.inject.Module;

/** Two responders never ping-pong; and out of business hours, the out-of-hours template answers. */
class AcknowledgementLoopIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String SALES = "sales@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String JANE = "jane@customer.test";

    private static String mail(String from, String to, String subject, String extraHeaders) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n" + extraHeaders + "\r\nHello.\r\n";
    }

    @Nested
    class TwoSharedMailboxes {
        // Mail from our own shared addresses arrives on the incoming port here: delivered marked, not refused as a spoof.
        @RegisterExtension
        TeamInboxServer server = new TeamInboxServer(SpoofedFromMark::everywhere);

        @Test
        void sharedMailboxesWritingToEachOtherShouldExchangeOneMailEachThenStop() throws Exception {
            server.smtp().sendRaw(SUPPORT, SALES, mail(SUPPORT, SALES, "Lead for you", ""));
            server.smtp().sendRaw(SALES, SUPPORT, mail(SALES, SUPPORT, "Customer needs help", ""));

            server.awaitMessages(SALES, BOB, "INBOX", 1);
            server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
            // Each mailbox decided on the one mail it got and sent nothing: no reply can come later to start a loop.
            assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SUPPORT, 1)).isZero();
            assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SALES, 1)).isZero();

            try (ImapTestClient support = server.imapAsMemberOf(SUPPORT, ALICE);
                 ImapTestClient sales = server.imapAsMemberOf(SALES, BOB)) {
                support.select("INBOX");
                assertThat(support.headers("Subject")).containsExactly("[SUP-1] Customer needs help");
                assertThat(support.headers("Auto-Submitted")).isEmpty();
                sales.select("INBOX");
                assertThat(sales.headers("Subject")).containsExactly("[SAL-1] Lead for you");
                assertThat(sales.headers("Auto-Submitted")).isEmpty();
            }
        }

        @Test
        void acknowledgementReachingASharedMailboxShouldNotBeAnswered() throws Exception {
            // A customer copies both mailboxes: each acknowledges her once, neither answers the other.
            server.smtp().sendRaw(JANE, SUPPORT, mail(JANE, SUPPORT + ", " + SALES, "Quote and install", ""));
            server.smtp().sendRaw(JANE, SALES, mail(JANE, SUPPORT + ", " + SALES, "Quote and install", ""));

            Mailboxes mailboxes = new Mailboxes(server);
            assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SUPPORT, 1)).isEqualTo(1);
            assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SALES, 1)).isEqualTo(1);
            mailboxes.awaitInbox(JANE, 2);

            assertThat(mailboxes.inboxHeader(JANE, "Subject"))
                .containsExactlyInAnyOrder("[SUP-1] Re: Quote and install", "[SAL-1] Re: Quote and install");
            server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
            try (ImapTestClient support = server.imapAsMemberOf(SUPPORT, ALICE);
                 ImapTestClient sales = server.imapAsMemberOf(SALES, BOB)) {
                assertThat(support.messageCount("INBOX")).isEqualTo(1);
                assertThat(sales.messageCount("INBOX")).isEqualTo(1);
            }
        }
    }

    @Nested
    class OutOfHours {
        /** Saturday 5 January 2030, noon in Paris: support@ (Monday to Friday) is closed. */
        private static final Instant SATURDAY_NOON = Instant.parse("2030-01-05T11:00:00Z");

        private final Module fixedClock = binder -> binder.bind(Clock.class).toInstance(Clock.fixed(SATURDAY_NOON, ZoneOffset.UTC));

        @RegisterExtension
        TeamInboxServer server = TeamInboxServer.overriding(home -> {
        }, fixedClock);

        @Test
        void closedMailboxShouldAnswerWithTheOutOfHoursTemplateAndTheNextOpening() throws Exception {
            server.smtp().sendRaw(JANE, SUPPORT, mail("Jane <" + JANE + ">", SUPPORT, "Weekend outage", ""));

            Mailboxes mailboxes = new Mailboxes(server);
            mailboxes.awaitInbox(JANE, 1);

            assertThat(mailboxes.inboxHeader(JANE, "Subject")).containsExactly("[SUP-1] Re: Weekend outage");
            assertThat(mailboxes.body(JANE, 1))
                .contains("Our office is closed at the moment")
                .contains("we will be back on\r\nMonday 7 January 2030 09:00 (Europe/Paris) and answer within 1 business day");
        }
    }
}
