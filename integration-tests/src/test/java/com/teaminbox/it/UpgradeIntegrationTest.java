package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared account that already held ticketed mail when TeamInbox's Message-ID memory arrived:
 * provisioning teaches the memory what the account holds, so threading by Message-ID still finds
 * the older tickets.
 */
class UpgradeIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withConfigurationFile("extensions.properties",
        "guice.extension.module=com.teaminbox.james.SharedMailboxesModule\n"
            + "guice.extension.startable=com.teaminbox.demo.DemoAccounts," + MailStoredBeforeUpgrade.class.getName()
            + ",com.teaminbox.james.provisioning.SharedMailboxesProvisioning\n"), TicketRegistryProbe.MODULE);

    @Test
    void replyThatLostItsTagToMailStoredBeforeTheUpgradeShouldKeepItsTicket() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Re: Printer broken\r\n"
            + "Message-ID: <reply@customer.test>\r\nIn-Reply-To: " + MailStoredBeforeUpgrade.ORIGIN + "\r\n\r\nStill broken.\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);

        assertThat(inbox("X-Ticket")).containsExactly("SUP-1", "SUP-1");
    }

    /** The backfill remembers the ticket with the identifier: a reply reads it, the message gone or not (docs/tickets.md). */
    @Test
    void replyToAMessageStoredBeforeTheUpgradeAndDeletedSinceShouldKeepItsTicket() throws Exception {
        assertThat(MailStoredBeforeUpgrade.subjectsAfterAReplyToItOnceDeleted(server)).containsExactly("Re: [SUP-1] Printer broken");
    }

    @Test
    void mailThatOpenedATicketBeforeTheUpgradeShouldGetItAgainWhenResent() throws Exception {
        server.smtp().sendRaw(JANE, SUPPORT, "From: " + JANE + "\r\nTo: " + SUPPORT + "\r\nSubject: Printer broken\r\n"
            + "Message-ID: " + MailStoredBeforeUpgrade.ORIGIN + "\r\n\r\nMy printer is broken.\r\n");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);

        assertThat(inbox("Subject")).containsExactly("[SUP-1] Printer broken", "[SUP-1] Printer broken");
    }

    @Test
    void newTicketsShouldContinueAboveTheTicketsOfTheOlderRegistryWithoutAMessageEach() throws Exception {
        server.smtp().send(JANE, "Scanner broken", SUPPORT);
        server.smtp().send(JANE, "Screen broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 3);
        server.smtp().send(JANE, "Re: [SUP-1] Printer broken", SUPPORT);
        server.smtp().send(JANE, "[SUP-9] Keyboard broken", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 5);

        assertThat(inbox("X-Ticket")).as("SUP-1 was the older registry's entry; SUP-9 was never issued")
            .containsExactlyInAnyOrder("SUP-1", "SUP-2", "SUP-3", "SUP-1", "SUP-4");
        assertThat(server.probe(TicketRegistryProbe.class).meter().registryMessages(SUPPORT))
            .as("the older registry's entry only: new tickets append nothing").isEqualTo(1);
    }

    private List<String> inbox(String header) throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            return imap.headers(header);
        }
    }
}
