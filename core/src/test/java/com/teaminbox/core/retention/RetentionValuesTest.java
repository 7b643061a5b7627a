package com.teaminbox.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;

/** The records keep the invariants their factories held when they were classes with private constructors. */
class RetentionValuesTest {
    private static final RetentionPeriod NINETY_DAYS = RetentionPeriod.of("90d");

    @Test
    void aDeleteWithATargetShouldBeRefused() {
        assertThatThrownBy(() -> new RetentionPolicy(FolderName.of("Junk"), RetentionPolicy.Action.DELETE, NINETY_DAYS,
            Optional.of(ArchiveTarget.of("Archive")), Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("delete-after takes no target");
    }

    @Test
    void aMoveToTheFolderItselfShouldBeRefusedHoweverItIsBuilt() {
        assertThatThrownBy(() -> new RetentionPolicy(FolderName.of("Archive"), RetentionPolicy.Action.MOVE, NINETY_DAYS,
            Optional.of(ArchiveTarget.of("Archive")), Optional.empty()))
            .hasMessage("target 'Archive' is the folder itself; move to another folder");
    }

    @Test
    void policiesShouldCompareByValue() {
        assertThat(RetentionPolicy.move(FolderName.of("INBOX"), NINETY_DAYS, ArchiveTarget.of("Archive/{year}"), Optional.of("\\Answered")))
            .isEqualTo(RetentionPolicy.move(FolderName.of("INBOX"), NINETY_DAYS, ArchiveTarget.of("Archive/{year}"), Optional.of("\\Answered")));
    }

    @Test
    void aKeepWithoutReasonShouldBeRefused() {
        assertThatThrownBy(() -> new RetentionDecision(RetentionDecision.Outcome.KEEP, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeleteWithoutPolicyShouldBeRefused() {
        assertThatThrownBy(() -> new RetentionDecision(RetentionDecision.Outcome.DELETE, Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decisionsShouldCompareByValue() {
        RetentionPolicy junk = RetentionPolicy.delete(FolderName.of("Junk"), NINETY_DAYS, Optional.empty());

        assertThat(RetentionDecision.delete(junk)).isEqualTo(RetentionDecision.delete(junk));
        assertThat(RetentionDecision.delete(junk).toString()).isEqualTo("delete (Junk delete-after=90d)");
    }
}
