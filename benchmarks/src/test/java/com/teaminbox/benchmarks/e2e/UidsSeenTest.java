package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class UidsSeenTest {
    @Test
    void aMessageVisibleAfterOneWithAHigherUidShouldStillBeAskedForAndFound() {
        UidsSeen uids = new UidsSeen();
        assertThat(uids.from()).isEqualTo(1);
        uids.saw(uids.unseen(List.of(1L, 2L, 4L)), 0);   // 3 is appended, not yet stored
        assertThat(uids.from()).isEqualTo(3);
        assertThat(uids.unseen(List.of(4L))).isEmpty();   // 3:* still answers only 4: nothing new
        assertThat(uids.unseen(List.of(3L, 4L, 5L))).containsExactly(3L, 5L);
        uids.saw(List.of(3L, 5L), 1_000);
        assertThat(uids.from()).isEqualTo(6);
    }

    @Test
    void theNewestMessageAnsweredBelowTheAskIsNotNew() {
        UidsSeen uids = new UidsSeen();
        uids.saw(List.of(1L, 2L, 3L), 0);
        assertThat(uids.from()).isEqualTo(4);
        assertThat(uids.unseen(List.of(3L))).isEmpty();   // 4:* answers the newest message, 3 (RFC 3501 6.4.8)
    }

    @Test
    void aUidMissingLongerThanThePatienceShouldBeGivenUpSoThatTheAsksStayShort() {
        UidsSeen uids = new UidsSeen();
        uids.saw(List.of(1L, 3L), 0);
        assertThat(uids.from()).isEqualTo(2);
        uids.saw(List.of(4L), UidsSeen.GAP_PATIENCE_NANOS - 1);
        assertThat(uids.from()).isEqualTo(2);
        uids.saw(List.of(5L), UidsSeen.GAP_PATIENCE_NANOS);
        assertThat(uids.from()).isEqualTo(6);
    }

    @Test
    void uidsShouldBeAskedAsRuns() {
        assertThat(UidsSeen.set(List.of(3L, 4L, 5L, 7L, 9L, 10L))).isEqualTo("3:5,7,9:10");
        assertThat(UidsSeen.set(List.of(12L))).isEqualTo("12");
    }
}
