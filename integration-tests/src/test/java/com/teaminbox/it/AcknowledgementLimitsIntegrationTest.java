package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The per-sender daily cap, with the demo configuration lowered to three acknowledgements a day. */
class AcknowledgementLimitsIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";
    private static final String JANE = "jane@customer.test";
    private static final int CAP = 3;

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> {
        Path file = home.configurationFile("shared-mailboxes.xml");
        try {
            String demo = Files.readString(file);
            home.withSharedMailboxes(demo.replace("per-sender-daily-cap=\"10\"", "per-sender-daily-cap=\"" + CAP + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @Test
    void acknowledgementsShouldStopAtTheDailyCap() throws Exception {
        List<String> subjects = IntStream.rangeClosed(1, CAP + 4).mapToObj(index -> "Question " + index).collect(Collectors.toList());
        server.smtp().sendInOneSession(JANE, SUPPORT, subjects);

        server.awaitMessages(SUPPORT, ALICE, "INBOX", subjects.size());
        Mailboxes mailboxes = new Mailboxes(server);
        assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SUPPORT, subjects.size())).as("acknowledgements sent").isEqualTo(CAP);
        mailboxes.awaitInbox(JANE, CAP);

        assertThat(mailboxes.inboxCount(JANE)).isEqualTo(CAP);
    }

    @Test
    void capShouldBeCountedPerSender() throws Exception {
        server.smtp().sendInOneSession(JANE, SUPPORT, List.of("Jane 1", "Jane 2", "Jane 3", "Jane 4"));
        server.smtp().send("dave@example.test", "Dave's first question", SUPPORT);

        Mailboxes mailboxes = new Mailboxes(server);
        mailboxes.awaitInbox("dave@example.test", 1);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 5);
        assertThat(AuditRecords.awaitAcknowledgementDecisions(server, SUPPORT, 5)).as("acknowledgements sent").isEqualTo(CAP + 1);
        mailboxes.awaitInbox(JANE, CAP);

        assertThat(mailboxes.inboxCount(JANE)).isEqualTo(CAP);
        assertThat(mailboxes.inboxHeader("dave@example.test", "Subject")).singleElement().asString().endsWith("Re: Dave's first question");
    }
}
