package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared account whose Message-ID memory was filled before tickets were remembered with it
 * (2026-11-27 to 2026-12-06): provisioning goes through the account once more for the tickets, so
 * a reply to an older message reads its ticket by key, even once the message is deleted.
 */
class UpgradeToRememberedTicketsIntegrationTest {
    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withConfigurationFile("extensions.properties",
        "guice.extension.module=com.teaminbox.james.SharedMailboxesModule\n"
            + "guice.extension.startable=com.teaminbox.demo.DemoAccounts," + MailStoredBeforeUpgrade.class.getName()
            + "," + MessageIdsRememberedWithoutTickets.class.getName()
            + ",com.teaminbox.james.provisioning.SharedMailboxesProvisioning\n"));

    @Test
    void replyToAnOlderMessageDeletedSinceShouldKeepItsTicket() throws Exception {
        assertThat(MailStoredBeforeUpgrade.subjectsAfterAReplyToItOnceDeleted(server))
            .as("SUP-2 would be a new ticket: the reply searched and found nothing")
            .containsExactly("Re: [SUP-1] Printer broken");
    }
}
