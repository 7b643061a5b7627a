package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AuditEventValuesTest {
    @Test
    void controlCharactersShouldBecomeQuestionMarks() {
        assertThat(AuditEvent.bounded("hi\r\nBcc: x@evil\u0000\u007f\tend")).isEqualTo("hi??Bcc: x@evil???end");
    }

    @Test
    void aValueWithoutControlCharactersShouldBeKeptAsItIs() {
        String value = "Re: [SUP-3] Printer – café";

        assertThat(AuditEvent.bounded(value)).isSameAs(value);
    }

    @Test
    void aLongValueShouldBeCutAtTheLimit() {
        assertThat(AuditEvent.bounded("x".repeat(AuditEvent.MAX_VALUE_LENGTH + 1)))
            .isEqualTo("x".repeat(AuditEvent.MAX_VALUE_LENGTH) + "...");
    }

    @Test
    void aBuilderUsedAgainAfterBuildShouldLeaveTheEventsItBuiltUnchanged() {
        AuditEvent.Builder builder = AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
            .decision("accepted").detail("folder", "INBOX");
        AuditEvent first = builder.build();

        AuditEvent second = builder.detail("flags", "+\\Seen").detail("folder", "Archive").build();
        AuditEvent third = builder.detail("uids", "7").build();

        assertThat(first.details()).containsExactlyEntriesOf(Map.of("folder", "INBOX"));
        assertThat(second.details()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("flags", "+\\Seen", "folder", "Archive")));
        assertThat(third.details()).hasSize(3).containsEntry("uids", "7");
    }

    /** A record's event is built on the thread of every audited action: its details are the builder's map, not a copy of it. */
    @Test
    void buildingAnEventShouldNotCopyItsDetails() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<AuditEvent.Builder> builders = new ArrayList<>();
        for (int number = 0; number < 2_000; number++) {
            AuditEvent.Builder builder = AuditEvent.of(AuditEventType.RULE_MATCHED, AuditActor.system()).decision("matched");
            for (int detail = 0; detail < 8; detail++) {
                builder.detail("key" + detail, "value");
            }
            builders.add(builder);
        }
        List<AuditEvent> built = new ArrayList<>();
        for (int number = 0; number < 1_000; number++) {
            built.add(builders.get(number).build());
        }
        built.clear();

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int number = 1_000; number < 2_000; number++) {
            built.add(builders.get(number).build());
        }
        long bytes = (threads.getCurrentThreadAllocatedBytes() - before) / 1_000;

        // The event and the read-only view of its details: about 80 bytes. A copy of eight details
        // (a map and eight entries) is 300 more.
        assertThat(built).hasSize(1_000);
        assertThat(bytes).as("bytes allocated per event built").isLessThan(200);
    }
}
