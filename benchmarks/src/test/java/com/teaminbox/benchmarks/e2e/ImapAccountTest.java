package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImapAccountTest {
    @Test
    void theSharedNamespaceShouldNotCountAsTheAccountsOwnFolders() {
        assertThat(ImapAccount.otherNamespacePrefixes("* NAMESPACE ((\"\" \".\")) NIL ((\"Shared.\" \".\"))")).containsExactly("Shared.");
    }

    @Test
    void otherUsersAndSharedNamespacesShouldBothBeLeftOut() {
        assertThat(ImapAccount.otherNamespacePrefixes("* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\"))"))
            .containsExactly("~", "#shared/", "#public/");
    }

    @Test
    void anAccountWithoutSharedNamespaceShouldCountAllItsFolders() {
        assertThat(ImapAccount.otherNamespacePrefixes("* NAMESPACE ((\"\" \".\")) NIL NIL")).isEmpty();
        assertThat(ImapAccount.otherNamespacePrefixes("c1 OK NAMESPACE completed.")).isEmpty();
    }
}
