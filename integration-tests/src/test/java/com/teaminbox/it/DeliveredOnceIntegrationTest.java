package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A mail for a shared mailbox is stored once, even when storing it fails after the message was
 * written: James 3.8.1's LocalDelivery retried such a store and the team saw the customer's mail
 * twice (ConcurrentTicketsIntegrationTest once found 1,001 messages for 1,000 mails; the race is
 * an IMAP client selecting the INBOX while mail arrives).
 */
class DeliveredOnceIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final Pattern SIZE = Pattern.compile("\"size\"\\s*:\\s*(\\d+)");

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> {
    }, FailingAddedDispatch.MODULE);

    @Test
    void aMailWhoseStoreFailsAfterWritingItShouldBeInTheInboxOnce() throws Exception {
        FailingAddedDispatch.armOnce(SUPPORT);

        server.smtp().send("jane@customer.test", "Printer on fire", SUPPORT);

        // The failed store, its retry, and the end of the mail's processing (the spool counts mails in processing).
        TeamInboxServer.awaitUntil(() -> FailingAddedDispatch.failures() == 1 && spoolSize() == 0,
            "the injected failure and an empty spool");
        server.awaitMessages(SUPPORT, "alice@example.test", "INBOX", 1);
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, "alice@example.test")) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactly("[SUP-1] Printer on fire");
        }
    }

    @Test
    void aMailWhoseStoreFailsAfterWritingItInAFolderThisNodeDeliveredToBeforeShouldBeThereOnce() throws Exception {
        // The first mail: the folder's last message is then known without asking the folder.
        server.smtp().send("jane@customer.test", "Printer on fire", SUPPORT);
        server.awaitMessages(SUPPORT, "alice@example.test", "INBOX", 1);
        FailingAddedDispatch.armOnce(SUPPORT);

        server.smtp().send("jane@customer.test", "Scanner on fire", SUPPORT);

        TeamInboxServer.awaitUntil(() -> FailingAddedDispatch.failures() == 1 && spoolSize() == 0,
            "the injected failure and an empty spool");
        server.awaitMessages(SUPPORT, "alice@example.test", "INBOX", 2);
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, "alice@example.test")) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).containsExactlyInAnyOrder("[SUP-1] Printer on fire", "[SUP-2] Scanner on fire");
        }
    }

    private long spoolSize() throws Exception {
        Matcher size = SIZE.matcher(WebAdminClient.get(server, "/mailQueues/spool"));
        return size.find() ? Long.parseLong(size.group(1)) : -1;
    }
}
