package com.teaminbox.james.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MessageRange;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.retention.MessageFacts;

class UidRunsTest {
    @Test
    void consecutiveShouldSplitWhereAUidIsSkippedWhateverTheOrderGiven() {
        List<List<DueMessage>> runs = UidRuns.consecutive(List.of(due(7), due(3), due(4), due(5), due(9), due(8)));

        assertThat(runs).extracting(run -> run.stream().map(message -> message.uid().asLong()).toList())
            .containsExactly(List.of(3L, 4L, 5L), List.of(7L, 8L, 9L));
    }

    @Test
    void rangeOfARunShouldHoldExactlyItsMessages() {
        assertThat(UidRuns.rangeOf(List.of(due(3), due(4), due(5))))
            .isEqualTo(MessageRange.range(MessageUid.of(3), MessageUid.of(5)));
    }

    @Test
    void coveringShouldSpanTheLowestToTheHighestUid() {
        assertThat(UidRuns.covering(List.of(MessageUid.of(12), MessageUid.of(2), MessageUid.of(40))))
            .isEqualTo(MessageRange.range(MessageUid.of(2), MessageUid.of(40)));
    }

    private static DueMessage due(long uid) {
        MessageFacts facts = new MessageFacts(FolderName.of("INBOX"), Instant.EPOCH, Set.of(), Optional.empty(), Optional.empty());
        return new DueMessage(new RetentionCandidate(MessageUid.of(uid), facts, "<" + uid + "@example.test>", null, 100), null);
    }
}
