package com.teaminbox.core.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FolderNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"Billing", "Clients/ACME", "Café & Co", "Année 2026", "a"})
    void plainNamesShouldBeAccepted(String name) {
        assertThat(FolderName.of(name).path()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/Billing", "Billing/", "a//b", "v1.2", "100%", "a*", "#news", "a\"b", "a\\b", "a\nb", "a\u0000b"})
    void namesThatCannotBecomeMailboxesShouldBeRefused(String name) {
        assertThatThrownBy(() -> FolderName.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbox", "Inbox", "INBOX"})
    void inboxShouldBeRecognisedInAnyCase(String name) {
        assertThat(FolderName.of(name)).isEqualTo(FolderName.INBOX);
    }

    @ParameterizedTest
    @ValueSource(ints = {199, 200})
    void namesUpToTheLimitShouldBeAccepted(int length) {
        assertThat(FolderName.of("a".repeat(length)).path()).hasSize(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 5000})
    void namesOverTheLimitShouldBeRefused(int length) {
        assertThatThrownBy(() -> FolderName.of("a".repeat(length))).hasMessageContaining("longer than 200");
    }
}
