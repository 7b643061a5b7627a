package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;


/**
 * RELIABILITY.md, Faults: a mailet that throws in the middle of the shared-mailbox pipeline sends
 * the mail to the error processor, which keeps it in {@code var/mail/error/}: counted exactly,
 * while the other mails of the same burst are delivered.
 */
class MailetFailureIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    /** The larger variant (docs/reliability.md) multiplies the burst: {@code -Dteaminbox.faults.scale=10}. */
    private static final int SCALE = Integer.getInteger("teaminbox.faults.scale", 1);
    private static final int FAILING = 7 * SCALE;
    private static final int PASSING = 13 * SCALE;

    /** The six-mailet form of the processor, with a failing mailet in the middle (ServeSharedMailboxIntegrationTest: the one step). */
    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withConfigurationFile("mailetcontainer.xml",
        SharedMailboxProcessors.sixStepsMailetContainer().replace(
            "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.ApplyRules\"/>",
            "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.ApplyRules\"/>\n"
                + "            <mailet match=\"All\" class=\"" + ThrowingMailet.class.getName() + "\"/>")))
        .parkingMailOnPurpose();

    @Test
    void mailsAMailetFailsOnShouldAllBeInTheErrorRepository() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int index = 0; index < FAILING + PASSING; index++) {
            String subject = index < FAILING ? "Please " + ThrowingMailet.TRIGGER + " " + index : "Printer " + index;
            sent.add(senders.submit(() -> {
                server.smtp().send("jane@customer.test", subject, SUPPORT);
                return null;
            }));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        senders.shutdown();
        WebAdminClient webAdmin = new WebAdminClient(server.ports().webAdmin());

        TeamInboxServer.awaitUntil(() -> webAdmin.repositorySize("var/mail/error/") >= FAILING, FAILING + " mails in the error repository");
        server.awaitMessages(SUPPORT, ALICE, "INBOX", PASSING);

        assertThat(webAdmin.repositorySize("var/mail/error/")).isEqualTo(FAILING);
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            imap.select("INBOX");
            assertThat(imap.headers("Subject")).hasSize(PASSING).allMatch(subject -> !subject.contains(ThrowingMailet.TRIGGER));
        }
        String keys = webAdmin.get("/mailRepositories/var%2Fmail%2Ferror%2F/mails").body();
        assertThat(Pattern.compile("\"[^\"]+\"").matcher(keys).results().count())
            .as("the mails an administrator can reprocess: " + keys).isEqualTo(FAILING);
    }
}
