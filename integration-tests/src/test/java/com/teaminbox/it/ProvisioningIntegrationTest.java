package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final String SUPPORT_AFTER_REORGANISATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<shared-mailboxes>\n"
        + "  <roles><role name=\"agent\" rights=\"lrswi\" send=\"none\"/></roles>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <folder name=\"Billing\"/>\n"
        + "    <folder name=\"Escalations\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"read-only\"/>\n"
        + "    <member address=\"carol@example.test\" role=\"agent\"/>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

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
    void everyFolderShouldCarryExactlyTheMembersRoleRights() throws Exception {
        ExtensionStartablesProbe probe = server.probe(ExtensionStartablesProbe.class);
        for (String folder : List.of("INBOX", "Sent", "Archive", "Junk", "Trash", "Templates", "Billing")) {
            assertThat(probe.acl(SUPPORT, folder))
                .as(folder)
                .isEqualTo(Map.of(ALICE, "aeiklprstwx", "bob@example.test", "lr"));
        }
    }

    @Test
    void ticketRegistryShouldCarryNoMemberRights() throws Exception {
        assertThat(server.probe(ExtensionStartablesProbe.class).acl(SUPPORT, "Ticket Registry")).isEmpty();
    }

    @Test
    void provisioningShouldReconcileAclsWithAChangedConfiguration() throws Exception {
        ExtensionStartablesProbe probe = server.probe(ExtensionStartablesProbe.class);
        // bob leaves, alice becomes read-only, carol gets a custom role, a folder is added
        server.home().withSharedMailboxes(SUPPORT_AFTER_REORGANISATION);

        probe.start(PROVISIONING);

        for (String folder : List.of("INBOX", "Billing", "Escalations")) {
            assertThat(probe.acl(SUPPORT, folder))
                .as(folder)
                .isEqualTo(Map.of(ALICE, "lr", "carol@example.test", "ilrsw"));
        }
        assertThat(probe.acl(SUPPORT, "Ticket Registry")).isEmpty();
    }

    @Test
    void aclEntriesAddedByHandShouldBeRemoved() throws Exception {
        ExtensionStartablesProbe probe = server.probe(ExtensionStartablesProbe.class);
        probe.grant(SUPPORT, "Billing", "dave@example.test", "lr");

        probe.start(PROVISIONING);

        assertThat(probe.acl(SUPPORT, "Billing")).doesNotContainKey("dave@example.test");
    }

    @Test
    void sharedAccountsShouldNotBeDelegatedToAnyone() {
        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).isEmpty();
        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers("sales@example.test")).isEmpty();
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
        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).isEmpty();
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
        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).isEmpty();
    }

    @Test
    void delegationGrantedByHandToANonMemberShouldBeRemoved() throws Exception {
        // outsider@ was delegated support@ by hand (WebAdmin) before a restart
        server.probe(ExtensionStartablesProbe.class).delegate(SUPPORT, "outsider@example.test");

        server.probe(ExtensionStartablesProbe.class).start(PROVISIONING);

        assertThat(server.probe(ExtensionStartablesProbe.class).authorizedUsers(SUPPORT)).isEmpty();
        try (ImapTestClient imap = ImapTestClient.connect(server.ports().imap())) {
            assertThat(imap.authenticatePlain(SUPPORT, "outsider@example.test", TeamInboxServer.PASSWORD)).isFalse();
        }
    }
}
