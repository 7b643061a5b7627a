package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;

/** An alert threshold of the configuration, crossed over real IMAP: the record and the mail to the administrator. */
class AuditAlertIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String DAVE = "dave@example.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> {
        try {
            Path file = home.configurationFile("shared-mailboxes.xml");
            String xml = Files.readString(file, StandardCharsets.UTF_8);
            Files.writeString(file, xml.replace("</shared-mailboxes>", "    <audit>\n"
                + "        <alerts to=\"" + DAVE + "\">\n"
                + "            <alert name=\"refused-logins\" event=\"login-refused\" more-than=\"2\" within=\"10m\"/>\n"
                + "        </alerts>\n"
                + "    </audit>\n</shared-mailboxes>"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @Test
    void refusedLoginsOverTheThresholdShouldRaiseOneAlertRecordAndMail() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
                assertThat(imap.login(SUPPORT + "*alice@example.test", "guess-" + attempt)).isFalse();
            }
        }

        assertThat(AuditRecords.of(server, AuditEventType.ALERT_RAISED)).singleElement()
            .satisfies(alert -> assertThat(alert.details()).containsEntry("alert", "refused-logins").containsEntry("count", "3"));
        TeamInboxServer.awaitUntil(() -> {
            try (ImapTestClient dave = server.imapAs(DAVE)) {
                dave.select("INBOX");
                return dave.headers("Subject").stream().anyMatch(subject -> subject.startsWith("[TeamInbox alert] Alert 'refused-logins'"));
            }
        }, "the alert mail in dave's INBOX");
    }
}
