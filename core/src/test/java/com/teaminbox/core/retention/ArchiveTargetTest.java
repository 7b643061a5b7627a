package com.teaminbox.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;

class ArchiveTargetTest {
    @Test
    void placeholdersShouldBeFilledFromTheInternalDateInUtc() {
        ArchiveTarget target = ArchiveTarget.of("Archive/{year}/{month}");

        assertThat(target.folderFor(Instant.parse("2025-03-07T10:00:00Z"))).isEqualTo(FolderName.of("Archive/2025/03"));
        assertThat(target.folderFor(Instant.parse("2025-12-31T23:59:59Z"))).isEqualTo(FolderName.of("Archive/2025/12"));
        assertThat(target.folderFor(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(FolderName.of("Archive/2026/01"));
    }

    @Test
    void dayShouldBeTwoDigits() {
        assertThat(ArchiveTarget.of("Archive/{year}-{month}-{day}").folderFor(Instant.parse("2025-03-07T10:00:00Z")))
            .isEqualTo(FolderName.of("Archive/2025-03-07"));
    }

    @Test
    void aFixedFolderShouldBeAccepted() {
        ArchiveTarget target = ArchiveTarget.of("Archive");

        assertThat(target.isFixed()).isTrue();
        assertThat(target.folderFor(Instant.EPOCH)).isEqualTo(FolderName.ARCHIVE);
    }

    @Test
    void unknownPlaceholderShouldBeRefused() {
        assertThatThrownBy(() -> ArchiveTarget.of("Archive/{yr}"))
            .hasMessage("target 'Archive/{yr}' has an unknown placeholder; accepted: {year}, {month}, {day}");
    }

    @Test
    void targetThatIsNoFolderShouldBeRefused() {
        assertThatThrownBy(() -> ArchiveTarget.of("Archive//{year}"))
            .hasMessageStartingWith("target 'Archive//{year}' is not a folder: folder name 'Archive//2026' has an empty level");
        assertThatThrownBy(() -> ArchiveTarget.of("Archive.{year}"))
            .hasMessageStartingWith("target 'Archive.{year}' is not a folder: folder name 'Archive.2026' contains a forbidden character");
    }
}
