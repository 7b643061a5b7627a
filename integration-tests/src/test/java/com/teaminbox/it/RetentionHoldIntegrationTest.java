package com.teaminbox.it;

import static com.teaminbox.it.RetentionFixture.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.teaminbox.core.audit.AuditEventType;

/** A whole-mailbox legal hold: nothing of support@ is deleted or moved, whatever the policies say. */
class RetentionHoldIntegrationTest {
    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> RetentionFixture.configure(home,
            "            <folder name=\"Trash\" delete-after=\"7d\"/>\n"
                + "            <hold all=\"true\" reason=\"litigation ACME\"/>\n"),
        RetentionFixture.clock(new MovableClock(RetentionFixture.NOW)));

    @BeforeEach
    void appendOldMessages() throws Exception {
        CapturedAudit.clear();
        RetentionFixture.appendMessages(server);
    }

    @Test
    void wholeMailboxHoldShouldKeepEveryMessageThePoliciesWouldTouch() throws Exception {
        JsonNode counts = RetentionFixture.run(server, false).get("additionalInformation");

        assertThat(counts.get("examined").asLong()).isEqualTo(7);
        assertThat(counts.get("held").asLong()).isEqualTo(7);
        assertThat(counts.get("deleted").asLong()).isZero();
        assertThat(counts.get("moved").asLong()).isZero();
        assertThat(RetentionFixture.ids(server, ALICE, "Junk")).containsExactly("j1", "j2", "j3", "j4", "j5");
        assertThat(RetentionFixture.ids(server, ALICE, "INBOX")).containsExactly("i1", "i2", "i3", "i4");
        assertThat(RetentionFixture.ids(server, ALICE, "Trash")).containsExactly("t6", "t8");
        assertThat(CapturedAudit.events(AuditEventType.RETENTION_DELETED)).isEmpty();
        assertThat(CapturedAudit.events(AuditEventType.RETENTION_MOVED)).isEmpty();
    }
}
