package com.teaminbox.it;

import static com.teaminbox.it.RetentionFixture.ALICE;
import static com.teaminbox.it.RetentionFixture.BOB;
import static com.teaminbox.it.RetentionFixture.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;

/** Retention on a real server: messages APPENDed with past INTERNALDATEs, a run through WebAdmin, IMAP to look. */
class RetentionIntegrationTest {
    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> RetentionFixture.configure(home, RetentionFixture.EXTRA_POLICIES),
        RetentionFixture.clock(new MovableClock(RetentionFixture.NOW)));

    @BeforeEach
    void appendOldMessages() throws Exception {
        CapturedAudit.clear();
        RetentionFixture.appendMessages(server);
    }

    @Test
    void runShouldDeleteMoveAndKeepExactlyAsThePoliciesSay() throws Exception {
        RetentionFixture.run(server, false);

        assertThat(RetentionFixture.ids(server, ALICE, "Junk")).as("j1 deleted; j2 too young; j3-j5 held")
            .containsExactly("j2", "j3", "j4", "j5");
        assertThat(RetentionFixture.ids(server, ALICE, "INBOX")).as("i1 archived; i2 not answered; i3 held; i4 too young")
            .containsExactly("i2", "i3", "i4");
        assertThat(RetentionFixture.ids(server, ALICE, "Archive.2026.03")).containsExactly("i1");
        assertThat(RetentionFixture.ids(server, ALICE, "Trash")).as("t6 younger than the minimum age, t8 past it")
            .containsExactly("t6");
    }

    @Test
    void archiveFoldersCreatedOnDemandShouldCarryTheMembersRights() throws Exception {
        RetentionFixture.run(server, false);

        assertThat(RetentionFixture.ids(server, BOB, "Archive.2026.03")).as("bob, read-only, reads the archive").containsExactly("i1");
    }

    @Test
    void taskShouldReportItsFinalCountsUnderTasks() throws Exception {
        JsonNode task = RetentionFixture.run(server, false);

        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("type").asText()).isEqualTo("teaminbox-retention");
        JsonNode counts = task.get("additionalInformation");
        assertThat(counts.get("sharedMailbox").asText()).isEqualTo(SUPPORT);
        assertThat(counts.get("dryRun").asBoolean()).isFalse();
        assertThat(counts.get("trigger").asText()).isEqualTo("administrator");
        assertThat(counts.get("examined").asLong()).isEqualTo(7);
        assertThat(counts.get("deleted").asLong()).isEqualTo(2);
        assertThat(counts.get("moved").asLong()).isEqualTo(1);
        assertThat(counts.get("held").asLong()).isEqualTo(4);
        assertThat(counts.get("failed").asLong()).isZero();
        assertThat(counts.get("timestamp").asText()).isNotEmpty();
    }

    @Test
    void everyDeletionAndMoveShouldHaveAReceiptAndTheRunOneRecord() throws Exception {
        RetentionFixture.run(server, false);

        List<AuditEvent> deleted = CapturedAudit.events(AuditEventType.RETENTION_DELETED);
        assertThat(deleted).extracting(event -> event.messageId().orElse("")).containsExactlyInAnyOrder(
            "<j1@retention.test>", "<t8@retention.test>");
        AuditEvent j1 = deleted.stream().filter(event -> event.messageId().orElse("").contains("j1")).findFirst().orElseThrow();
        assertThat(j1.actor()).isEqualTo(AuditActor.administrator("webadmin"));
        assertThat(j1.decision()).isEqualTo("delete");
        assertThat(j1.details()).containsEntry("folder", "Junk").containsEntry("policy", "Junk delete-after=30d")
            .containsEntry("dryRun", "false").containsEntry("internalDate", RetentionFixture.days(40).toString())
            .containsKey("size");
        List<AuditEvent> moved = CapturedAudit.events(AuditEventType.RETENTION_MOVED);
        assertThat(moved).hasSize(1);
        assertThat(moved.get(0).messageId()).contains("<i1@retention.test>");
        assertThat(moved.get(0).details()).containsEntry("folder", "INBOX").containsEntry("target", "Archive/2026/03")
            .containsEntry("internalDate", "2026-03-01T09:30:00Z");
        List<AuditEvent> runs = CapturedAudit.events(AuditEventType.RETENTION_RUN);
        assertThat(runs).extracting(AuditEvent::decision).as("each block announced before it goes, then the run's record")
            .containsExactlyInAnyOrder("deleting", "deleting", "moving", "completed");
        runs = runs.stream().filter(run -> run.decision().equals("completed")).toList();
        assertThat(runs.get(0).details()).containsEntry("deleted", "2").containsEntry("moved", "1").containsEntry("held", "4")
            .containsEntry("examined", "7").containsEntry("dryRun", "false");
    }

    @Test
    void secondRunShouldFindNothingLeftToDoAndRecordNoReceipt() throws Exception {
        RetentionFixture.run(server, false);
        CapturedAudit.clear();

        JsonNode counts = RetentionFixture.run(server, false).get("additionalInformation");

        assertThat(counts.get("deleted").asLong()).isZero();
        assertThat(counts.get("moved").asLong()).isZero();
        assertThat(counts.get("held").asLong()).isEqualTo(4);
        assertThat(CapturedAudit.events(AuditEventType.RETENTION_DELETED)).isEmpty();
        assertThat(CapturedAudit.events(AuditEventType.RETENTION_MOVED)).isEmpty();
    }

    @Test
    void dryRunShouldChangeNothingAndReportTheSetTheRealRunThenActsOn() throws Exception {
        JsonNode dry = RetentionFixture.run(server, true).get("additionalInformation");

        assertThat(dry.get("dryRun").asBoolean()).isTrue();
        assertThat(dry.get("deleted").asLong()).isEqualTo(2);
        assertThat(dry.get("moved").asLong()).isEqualTo(1);
        assertThat(RetentionFixture.ids(server, ALICE, "Junk")).containsExactly("j1", "j2", "j3", "j4", "j5");
        assertThat(RetentionFixture.ids(server, ALICE, "INBOX")).containsExactly("i1", "i2", "i3", "i4");
        assertThat(RetentionFixture.ids(server, ALICE, "Trash")).containsExactly("t6", "t8");
        Map<String, String> wouldDo = receipts();
        assertThat(wouldDo).containsOnlyKeys("<j1@retention.test>", "<t8@retention.test>", "<i1@retention.test>")
            .containsValues("would-delete", "would-move");
        assertThat(CapturedAudit.events(AuditEventType.RETENTION_DELETED)).allSatisfy(event ->
            assertThat(event.details()).containsEntry("dryRun", "true"));
        CapturedAudit.clear();

        JsonNode real = RetentionFixture.run(server, false).get("additionalInformation");

        assertThat(real.get("deleted").asLong()).isEqualTo(dry.get("deleted").asLong());
        assertThat(real.get("moved").asLong()).isEqualTo(dry.get("moved").asLong());
        assertThat(receipts().keySet()).isEqualTo(wouldDo.keySet());
    }

    @Test
    void unknownMailboxShouldBeNotFoundAndABadDryRunRefused() throws Exception {
        assertThat(RetentionFixture.submit(server, "nobody@example.test", "?dryRun=true").statusCode()).isEqualTo(404);
        assertThat(RetentionFixture.submit(server, SUPPORT, "?dryRun=maybe").statusCode()).isEqualTo(400);
        assertThat(RetentionFixture.submit(server, SUPPORT, "?dryRun=maybe").body()).contains("dryRun 'maybe' is invalid; accepted: true, false");
    }

    /** Message-ID to decision, for every receipt of a deletion or move. */
    private static Map<String, String> receipts() {
        return Stream.concat(CapturedAudit.events(AuditEventType.RETENTION_DELETED).stream(),
                CapturedAudit.events(AuditEventType.RETENTION_MOVED).stream())
            .collect(Collectors.toMap(event -> event.messageId().orElse(""), AuditEvent::decision));
    }
}
