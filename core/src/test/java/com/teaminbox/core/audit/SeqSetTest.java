package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqSetTest {
    @Test
    void seqsStartingHighShouldTakeBitsForTheSeqsHeldNotForTheirValue() {
        SeqSet seqs = new SeqSet();
        long first = 1_500_000_000L;

        for (long seq = first; seq < first + 100_000; seq++) {
            assertThat(seqs.add(seq)).isTrue();
        }

        assertThat(seqs.size()).isEqualTo(100_000);
        assertThat(seqs.allocatedBits()).isLessThanOrEqualTo(2 * 100_000 + SeqSet.MIN_SPAN);
        assertThat(seqs.apart()).isZero();
        assertThat(seqs.add(first + 500)).isFalse();
        assertThat(seqs.absentFrom(first)).isEqualTo(first + 100_000);
    }

    @Test
    void aSeqBelowTheFirstOrFarAboveShouldBeHeldApartWithoutThrowing() {
        SeqSet seqs = new SeqSet();
        seqs.add(5_000_000_000L);
        seqs.add(5_000_000_001L);

        assertThat(seqs.add(7L)).isTrue();
        assertThat(seqs.add(Long.MAX_VALUE)).isTrue();
        assertThat(seqs.add(5_000_000_002L)).isTrue();

        assertThat(seqs.add(7L)).isFalse();
        assertThat(seqs.add(Long.MAX_VALUE)).isFalse();
        assertThat(seqs.contains(8L)).isFalse();
        assertThat(seqs.contains(Long.MAX_VALUE - 1)).isFalse();
        assertThat(seqs.size()).isEqualTo(5);
        assertThat(seqs.apart()).isEqualTo(2);
        assertThat(seqs.allocatedBits()).isLessThanOrEqualTo(SeqSet.MIN_SPAN);
    }

    @Test
    void theFirstAbsentSeqShouldLookPastTheBitsIntoTheSeqsHeldApart() {
        SeqSet seqs = new SeqSet(100, 3);
        seqs.add(100);
        seqs.add(101);
        seqs.add(100 + SeqSet.MIN_SPAN + 10);
        seqs.add(100 + SeqSet.MIN_SPAN + 11);

        assertThat(seqs.absentFrom(100)).isEqualTo(102);
        assertThat(seqs.absentFrom(100 + SeqSet.MIN_SPAN + 10)).isEqualTo(100 + SeqSet.MIN_SPAN + 12);
        assertThat(seqs.absentFrom(50)).isEqualTo(50);
    }
}
