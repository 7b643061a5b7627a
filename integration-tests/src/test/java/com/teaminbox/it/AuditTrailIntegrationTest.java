package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditRecord;

/**
 * One afternoon of a shared mailbox over real SMTP, IMAP and WebAdmin, and the audit records it must leave:
 * exactly these, in this order, each by the right actor.
 */
class AuditTrailIntegrationTest {
    private static final String SUPPORT = "support@example.test";
    private static final String JANE = "jane@customer.test";
    private static final String ALICE = "alice@example.test";
    private static final String BOB = "bob@example.test";
    private static final String DAVE = "dave@example.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer();

    @Test
    void scenarioShouldLeaveExactlyTheExpectedRecordsInOrderWithTheRightActors() throws Exception {
        server.smtp().send(JANE, "Printer is broken", SUPPORT);
        awaitRecord(AuditEventType.AUTORESPONSE_SENT);

        assertThat(Submissions.submit(server, ALICE, SUPPORT, SUPPORT, Optional.empty(), "Re: [SUP-1] Printer is broken")
            .isAccepted()).isTrue();
        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            alice.select("INBOX");
            assertThat(alice.command("STORE 1 +FLAGS (\\Flagged)")).isTrue();
            assertThat(alice.append("Junk", "", Instant.now().minus(Duration.ofDays(60)),
                "From: spammer@casino.test\r\nSubject: You won\r\nMessage-ID: <old-junk@casino.test>\r\n\r\nClaim it.\r\n")).isTrue();
        }
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("INBOX");
            assertThat(bob.command("STORE 1 +FLAGS (\\Flagged)")).as("read-only").isFalse();
        }
        assertThat(Submissions.submit(server, DAVE, SUPPORT, SUPPORT, Optional.empty(), "I am support now").isAccepted()).isFalse();
        RetentionFixture.run(server, false);

        List<String> trail = AuditRecords.of(server).stream()
            .filter(record -> record.type() != AuditEventType.CONFIGURATION_LOADED)
            .map(AuditTrailIntegrationTest::describe)
            .collect(Collectors.toList());
        assertThat(trail).containsExactly(
            "mail-received external-sender:jane@customer.test support@example.test accepted",
            "ticket-created system:teaminbox support@example.test SUP-1 created",
            "autoresponse-sent system:teaminbox support@example.test SUP-1 sent",
            "send-accepted member:alice@example.test support@example.test SUP-1 accepted",
            "login-accepted member:alice@example.test support@example.test accepted",
            "flags-changed member:alice@example.test support@example.test accepted",
            "message-appended member:alice@example.test support@example.test accepted",
            "login-accepted member:bob@example.test support@example.test accepted",
            "command-refused member:bob@example.test support@example.test restricted",
            "command-refused member:bob@example.test support@example.test refused",
            "send-refused member:dave@example.test support@example.test refused",
            "retention-run administrator:webadmin support@example.test deleting",
            "retention-deleted administrator:webadmin support@example.test delete",
            "retention-run administrator:webadmin support@example.test completed");
        assertThat(AuditRecords.of(server, AuditEventType.RETENTION_DELETED)).singleElement()
            .satisfies(record -> {
                assertThat(record.messageId()).contains("<old-junk@casino.test>");
                assertThat(record.details()).containsEntry("folder", "Junk").containsKey("size").containsKey("internalDate");
            });
        assertThat(AuditRecords.of(server, AuditEventType.FLAGS_CHANGED)).singleElement()
            .satisfies(record -> assertThat(record.details()).containsEntry("folder", "INBOX").containsEntry("flags", "+\\Flagged")
                .containsEntry("messages", "1").containsEntry("uids", "1"));
        assertThat(AuditRecords.of(server, AuditEventType.TICKET_CREATED)).singleElement()
            .satisfies(record -> assertThat(record.messageId()).isPresent());
        assertThat(AuditRecords.verifies(server)).isTrue();
    }

    @Test
    void messageOpenedByAMemberShouldBeRecordedAsAReadNamingItsUid() throws Exception {
        server.smtp().send(JANE, "Where is my order", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 1);
        server.smtp().send(JANE, "Second question", SUPPORT);
        server.awaitMessages(SUPPORT, ALICE, "INBOX", 2);

        try (ImapTestClient alice = server.imapAsMemberOf(SUPPORT, ALICE)) {
            alice.select("INBOX");
            assertThat(alice.command("STORE 1 +FLAGS.SILENT (\\Deleted)")).isTrue();
            assertThat(alice.command("EXPUNGE")).isTrue();
            // Sequence number 1 is now the message of UID 2: the record must say which message was read.
            assertThat(alice.command("FETCH 1 (FLAGS)")).isTrue();
            assertThat(alice.command("FETCH 1 (BODY.PEEK[])")).isTrue();
        }

        assertThat(AuditRecords.of(server, AuditEventType.MESSAGE_READ)).singleElement()
            .satisfies(record -> {
                assertThat(record.actor().name()).isEqualTo(ALICE);
                assertThat(record.details()).containsEntry("command", "FETCH").containsEntry("messages", "1").containsEntry("uids", "2");
            });
    }

    @Test
    void webAdminShouldSearchTheTrailByActorAndType() throws Exception {
        try (ImapTestClient bob = server.imapAsMemberOf(SUPPORT, BOB)) {
            bob.select("INBOX");
            bob.command("CREATE Escalations");
        }

        String answer = WebAdminClient.get(server, "/shared-mailboxes/" + SUPPORT + "/audit?actor=" + BOB + "&type=command-refused");

        assertThat(answer).as("SELECT run as EXAMINE, CREATE refused")
            .contains("\"totalHits\":2").contains("\"command\":\"SELECT\"").contains("\"command\":\"CREATE\"")
            .contains("\"name\":\"bob@example.test\"").doesNotContain("alice@example.test");
        assertThat(WebAdminClient.status(server, "/shared-mailboxes/" + SUPPORT + "/audit?since=yesterday")).isEqualTo(400);
        assertThat(WebAdminClient.status(server, "/shared-mailboxes/" + SUPPORT + "/audit?type=mail-eaten")).isEqualTo(400);
        assertThat(WebAdminClient.status(server, "/shared-mailboxes/" + SUPPORT + "/audit?page=0")).isEqualTo(400);
        assertThat(WebAdminClient.status(server, "/shared-mailboxes/" + SUPPORT + "/audit?pageSize=many")).isEqualTo(400);
        assertThat(WebAdminClient.status(server, "/shared-mailboxes/nobody@example.test/audit")).isEqualTo(404);
    }

    @Test
    void metricsShouldCountMailsPerSharedMailboxTicketsAndRefusals() throws Exception {
        server.smtp().send(JANE, "First question", SUPPORT);
        server.smtp().send(JANE, "Second question", SUPPORT);
        TeamInboxServer.awaitUntil(() -> AuditRecords.of(server, AuditEventType.TICKET_CREATED).size() == 2, "two tickets");
        assertThat(Submissions.submit(server, DAVE, SUPPORT, SUPPORT, Optional.empty(), "Refused").isAccepted()).isFalse();

        String metrics = WebAdminClient.get(server, "/metrics");

        assertThat(metrics).containsPattern("(?m)^teaminbox_mail_received_support_example_test(_total)? 2\\.0$")
            .containsPattern("(?m)^teaminbox_ticket_created(_total)? 2\\.0$")
            .containsPattern("(?m)^teaminbox_send_refused(_total)? 1\\.0$")
            .contains("teaminbox_audit_write");
    }

    private void awaitRecord(AuditEventType type) throws Exception {
        TeamInboxServer.awaitUntil(() -> !AuditRecords.of(server, type).isEmpty(), "an audit record " + type);
    }

    private static String describe(AuditRecord record) {
        return record.type() + " " + record.actor() + " " + record.mailbox().orElse("")
            + record.ticket().map(ticket -> " " + ticket).orElse("") + " " + record.decision();
    }
}
