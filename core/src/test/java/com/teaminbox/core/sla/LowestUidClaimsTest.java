package com.teaminbox.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LowestUidClaimsTest {
    private static final String KEY = "SUP-1 first-response breach 1765000000000";

    @Test
    void theLowestUidShouldWinWhateverOrderTheClaimsAreSeenIn() {
        LowestUidClaims seenUpwards = new LowestUidClaims();
        seenUpwards.saw(KEY, 7);
        seenUpwards.saw(KEY, 9);
        LowestUidClaims seenDownwards = new LowestUidClaims();
        seenDownwards.saw(KEY, 9);
        seenDownwards.saw(KEY, 7);

        assertThat(seenUpwards.winner(KEY)).contains(7L);
        assertThat(seenDownwards.winner(KEY)).contains(7L);
        assertThat(seenUpwards.won(KEY, 7)).isTrue();
        assertThat(seenDownwards.won(KEY, 9)).as("the node that claimed second").isFalse();
    }

    @Test
    void aClaimSeenTwiceShouldCountOnce() {
        LowestUidClaims claims = new LowestUidClaims();
        claims.saw(KEY, 7);
        claims.saw(KEY, 7);

        assertThat(claims.won(KEY, 7)).isTrue();
        assertThat(claims.keys()).containsExactly(KEY);
    }

    @Test
    void aClaimNotSeenYetShouldNotWin() {
        LowestUidClaims claims = new LowestUidClaims();

        assertThat(claims.won(KEY, 7)).isFalse();
        assertThat(claims.isClaimed(KEY)).isFalse();
    }

    @Test
    void claimsOfOneKeyShouldNotDecideAnother() {
        LowestUidClaims claims = new LowestUidClaims();
        claims.saw(KEY, 7);
        claims.saw("SUP-2 first-response breach 1765000000000", 3);

        assertThat(claims.won(KEY, 7)).isTrue();
        assertThat(claims.winner("SUP-2 first-response breach 1765000000000")).contains(3L);
    }

    @Test
    void forgottenClaimsShouldLeaveTheOthers() {
        LowestUidClaims claims = new LowestUidClaims();
        claims.saw(KEY, 7);
        claims.saw("SUP-2 first-response breach 1765000000000", 3);

        claims.forget(key -> key.startsWith("SUP-1 "));

        assertThat(claims.keys()).containsExactly("SUP-2 first-response breach 1765000000000");
    }
}
