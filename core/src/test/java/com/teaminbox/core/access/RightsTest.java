package com.teaminbox.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.Role;
import com.teaminbox.core.mailbox.SendPermission;

class RightsTest {
    @Test
    void fullAndReadOnlyRolesShouldBeEnoughToOpenTheSharedMailbox() {
        assertThat(Rights.of(Role.FULL).containsAll(Rights.TO_OPEN)).isTrue();
        assertThat(Rights.of(Role.READ_ONLY).containsAll(Rights.TO_OPEN)).isTrue();
    }

    @Test
    void sendOnlyRolesShouldNotBeEnoughToOpenTheSharedMailbox() {
        assertThat(Rights.of(Role.SEND_AS).containsAll(Rights.TO_OPEN)).isFalse();
        assertThat(Rights.of(Role.SEND_ON_BEHALF).containsAll(Rights.TO_OPEN)).isFalse();
    }

    @Test
    void aRoleThatCanReadButNotListShouldNotBeEnoughToOpen() {
        Role blind = Role.custom("blind", "rsw", SendPermission.NONE);

        assertThat(Rights.of(blind).containsAll(Rights.TO_OPEN)).isFalse();
    }

    @Test
    void lettersShouldComeOutInRfcOrder() {
        assertThat(Rights.parse("atwsrl").letters()).isEqualTo("lrswta");
    }

    @Test
    void lettersOutsideRfc4314ShouldGrantNothing() {
        assertThat(Rights.parse("cdz")).isEqualTo(Rights.NONE);
    }

    @Test
    void missingShouldListOnlyWhatIsLacking() {
        assertThat(Rights.parse("lrs").missing(Rights.parse("ste")).letters()).isEqualTo("te");
        assertThat(Rights.parse("lrste").missing(Rights.parse("ste")).isEmpty()).isTrue();
    }

    @Test
    void seenShouldNeedTheSeenRight() {
        assertThat(FlagRights.requiredToChange(List.of("\\Seen"))).isEqualTo(Rights.of(Right.WRITE_SEEN));
    }

    @Test
    void deletedShouldNeedTheDeleteMessagesRight() {
        assertThat(FlagRights.requiredToChange(List.of("\\deleted"))).isEqualTo(Rights.of(Right.DELETE_MESSAGES));
    }

    @Test
    void otherFlagsAndKeywordsShouldNeedTheWriteRight() {
        assertThat(FlagRights.requiredToChange(List.of("\\Flagged"))).isEqualTo(Rights.of(Right.WRITE));
        assertThat(FlagRights.requiredToChange(List.of("$Escalated"))).isEqualTo(Rights.of(Right.WRITE));
    }

    @Test
    void severalFlagsShouldNeedEveryRightTheyEachNeed() {
        assertThat(FlagRights.requiredToChange(List.of("\\Seen", "\\Deleted", "\\Answered")).letters()).isEqualTo("swt");
    }

    @Test
    void noFlagShouldNeedNothing() {
        assertThat(FlagRights.requiredToChange(List.of())).isEqualTo(Rights.NONE);
    }

    @Test
    void settableFlagsShouldKeepOnlyThoseTheRightsAllow() {
        assertThat(FlagRights.settable(List.of("\\Seen", "\\Deleted", "\\Flagged", "$Escalated"), Rights.parse("lris")))
            .containsExactly("\\Seen");
        assertThat(FlagRights.settable(List.of("\\Seen", "\\Deleted", "$Escalated"), Rights.parse("lriwt")))
            .containsExactly("\\Deleted", "$Escalated");
    }

    @Test
    void settableFlagsShouldKeepEverythingForFullRights() {
        assertThat(FlagRights.settable(List.of("\\Seen", "\\Deleted", "\\Draft"), Rights.of(Role.FULL)))
            .containsExactly("\\Seen", "\\Deleted", "\\Draft");
    }
}
