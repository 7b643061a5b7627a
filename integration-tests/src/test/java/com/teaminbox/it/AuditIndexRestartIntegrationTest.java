package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;

/**
 * A restart does not read the whole audit trail again: the index committed when James stopped,
 * and the next start reads only what was written since (WebAdmin's /metrics counts it).
 */
class AuditIndexRestartIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final Pattern RECORDS_READ = Pattern.compile("(?m)^teaminbox_audit_index_records_read_at_start(?:_total)? ([0-9.]+)$");
    private static final Pattern REBUILDS = Pattern.compile("(?m)^teaminbox_audit_index_rebuilds_at_start(?:_total)? ([0-9.]+)$");

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void aRestartShouldReadOnlyTheRecordsWrittenSinceTheStop() throws Exception {
        for (String subject : new String[] {"Printer broken", "Scanner broken", "Fax broken"}) {
            server.smtp().send(JANE, subject, SUPPORT);
        }
        TeamInboxServer.awaitUntil(() -> AuditRecords.of(server, AuditEventType.TICKET_CREATED).size() == 3, "three tickets");
        int beforeRestart = AuditRecords.of(server).size();

        server.restart();
        // The trail opens with its first record or search after a start.
        WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/audit");
        TeamInboxServer.awaitUntil(() -> metric(RECORDS_READ).isPresent(), "the second start's catch-up");

        int writtenSinceRestart = AuditRecords.of(server).size() - beforeRestart;
        assertThat(metric(REBUILDS)).hasValue(0);
        assertThat(metric(RECORDS_READ).getAsLong()).as("records read at the second start, of " + beforeRestart + " before it")
            .isLessThanOrEqualTo(writtenSinceRestart);
        assertThat(WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/audit?type=ticket-created"))
            .as("the tickets of before the restart are still found").contains("\"totalHits\":3");
    }

    private OptionalLong metric(Pattern pattern) throws Exception {
        Matcher matcher = pattern.matcher(WebAdminClient.get(server, "/metrics"));
        return matcher.find() ? OptionalLong.of((long) Double.parseDouble(matcher.group(1))) : OptionalLong.empty();
    }
}
