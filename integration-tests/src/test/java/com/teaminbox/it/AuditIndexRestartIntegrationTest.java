package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.james.audit.FileAuditStorage;

/**
 * A restart does not read the whole audit trail again: the index committed when James stopped,
 * and the next start reads only what was written since.
 */
class AuditIndexRestartIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final Pattern CAUGHT_UP = Pattern.compile("caught up with the files: (\\d+) new records");

    @RegisterExtension
    LogCapture log = new LogCapture(FileAuditStorage.class);
    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void aRestartShouldReadOnlyTheRecordsWrittenSinceTheStop() throws Exception {
        for (String subject : new String[] {"Printer broken", "Scanner broken", "Fax broken"}) {
            server.smtp().send(JANE, subject, SUPPORT);
        }
        TeamInboxServer.awaitUntil(() -> AuditRecords.of(server, AuditEventType.TICKET_CREATED).size() == 3, "three tickets");
        int beforeRestart = AuditRecords.of(server).size();

        // James stops logback's appenders when it stops: capture the second start afresh.
        server.restart(() -> log.beforeEach(null));
        // The trail opens with its first record or search after a start.
        WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/audit");
        TeamInboxServer.awaitUntil(() -> catchUpsLogged() == 1, "the second start's catch-up");

        int writtenSinceRestart = AuditRecords.of(server).size() - beforeRestart;
        assertThat(log.messages()).noneMatch(message -> message.contains("rebuilt"));
        assertThat(recordsReadAtSecondStart()).as("records read again at the second start")
            .isLessThanOrEqualTo(writtenSinceRestart);
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/audit?type=ticket-created"))
            .as("the tickets of before the restart are still found").contains("\"totalHits\":3");
    }

    private long catchUpsLogged() {
        return log.messages().stream().filter(message -> CAUGHT_UP.matcher(message).find()).count();
    }

    private long recordsReadAtSecondStart() {
        Optional<Matcher> second = log.messages().stream().map(CAUGHT_UP::matcher).filter(Matcher::find).findFirst();
        return Long.parseLong(second.orElseThrow().group(1));
    }
}
