package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What provisioning leaves in James at start, and that running it again changes nothing. */
class ProvisioningIntegrationTest {
    private static final String PROVISIONING = "com.teaminbox.james.provisioning.SharedMailboxesProvisioning";
    private static final String SUPPORT = "support@example.test";
    private static final String ALICE = "alice@example.test";

    @RegisterExtension
    TeamInboxServer server = new TeamInboxServer(home -> home.withConfigurationFile("extensions.properties",
        "guice.extension.module=com.teaminbox.james.SharedMailboxesModule\n"
            + "guice.extension.startable=com.teaminbox.demo.DemoAccounts,"
            + PreexistingSharedAccount.class.getName() + "," + PROVISIONING + "\n"),
        ExtensionStartablesProbe.MODULE);

    @Test
    void sharedMailboxShouldHaveStandardAndConfiguredFolders() throws Exception {
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.listFolders()).contains("INBOX", "Sent", "Archive", "Junk", "Trash", "Templates", "Billing");
        }
    }

    @Test
    void passwordOfAPreexistingSharedAccountShouldNoLongerOpenIt() throws Exception {
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.login(SUPPORT, PreexistingSharedAccount.KNOWN_PASSWORD)).isFalse();
        }
    }

    @Test
    void onlyFullMembersShouldOpenTheSharedAccountForNow() throws Exception {
        for (String notFull : List.of("bob@example.test", "carol@example.test", "dave@example.test")) {
            try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
                assertThat(imap.authenticatePlain(SUPPORT, notFull, TeamInboxServer.PASSWORD))
                    .as(notFull + " must not get the owner rights James's delegation gives")
                    .isFalse();
            }
        }
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.authenticatePlain(SUPPORT, ALICE, TeamInboxServer.PASSWORD)).isTrue();
        }
    }

    @Test
    void provisioningAgainShouldNeitherFailNorDuplicate() throws Exception {
        List<String> foldersBefore;
        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            foldersBefore = imap.listFolders();
        }

        server.probe(ExtensionStartablesProbe.class).start(PROVISIONING);

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.listFolders()).containsExactlyInAnyOrderElementsOf(foldersBefore);
        }
        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).containsExactly(ALICE);
    }

    @Test
    void twoProvisioningRunsRacingShouldBothSucceedAndConverge() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<?>> runs = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            runs.add(nodes.submit(() -> {
                server.probe(ExtensionStartablesProbe.class).start(PROVISIONING);
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        nodes.shutdown();

        try (ImapTestClient imap = server.imapAsMemberOf(SUPPORT, ALICE)) {
            assertThat(imap.listFolders()).doesNotHaveDuplicates()
                .contains("INBOX", "Sent", "Archive", "Junk", "Trash", "Templates", "Billing");
        }
        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).containsExactly(ALICE);
    }

    @Test
    void delegationGrantedByHandToANonMemberShouldBeRemoved() throws Exception {
        // outsider@ was delegated support@ by hand (WebAdmin) before a restart
        server.probe(ExtensionStartablesProbe.class).delegate(SUPPORT, "outsider@example.test");

        server.probe(ExtensionStartablesProbe.class).start(PROVISIONING);

        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).containsExactly(ALICE);
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.authenticatePlain(SUPPORT, "outsider@example.test", TeamInboxServer.PASSWORD)).isFalse();
        }
    }
}
