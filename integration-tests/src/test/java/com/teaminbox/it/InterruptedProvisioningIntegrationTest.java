package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RELIABILITY.md, Faults: storage fails half-way through provisioning a changed configuration
 * (after k ACL writes or folder creations), then provisioning runs again, as at the next start.
 * A watcher reads every folder's ACL all along: each is always exactly what the old or the new
 * configuration grants (never a mix, never more), and the second run converges on the new one.
 */
class InterruptedProvisioningIntegrationTest {
    private static final String PROVISIONING = "com.teaminbox.james.provisioning.SharedMailboxesProvisioning";
    private static final String SUPPORT = "support@example.test";
    private static final List<String> FOLDERS = List.of("INBOX", "Sent", "Archive", "Junk", "Trash", "Templates", "Billing", "Escalations");
    private static final Map<String, String> OLD = Map.of("alice@example.test", "aeiklprstwx", "bob@example.test", "lr");
    private static final Map<String, String> NEW = Map.of("alice@example.test", "lr", "carol@example.test", "ilrsw");
    private static final String REORGANISED = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
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
    TeamInboxServer server = TeamInboxServer.overriding(home -> {
    }, List.of(FailingMailboxWrites.MODULE), ExtensionStartablesProbe.MODULE);

    @AfterEach
    void disarm() {
        FailingMailboxWrites.disarm();
    }

    @Test
    void provisioningInterruptedByStorageFailuresShouldNeverGrantMoreAndShouldConvergeWhenRunAgain() throws Exception {
        ExtensionStartablesProbe probe = server.probe(ExtensionStartablesProbe.class);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger observations = new AtomicInteger();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                for (String folder : FOLDERS) {
                    acl(probe, folder).filter(acl -> !acl.isEmpty() && !acl.equals(OLD) && !acl.equals(NEW))
                        .ifPresent(acl -> violations.add(folder + " " + acl));
                }
                observations.incrementAndGet();
            }
        }, "acl-watcher");
        watcher.start();
        server.home().withSharedMailboxes(REORGANISED);

        // Escalations is created (1 write), two folders get their new ACL, then storage fails.
        FailingMailboxWrites.failAfter(3);
        assertThatThrownBy(() -> probe.start(PROVISIONING)).hasMessageContaining("injected fault");
        Map<String, Optional<Map<String, String>>> halfWay = snapshot(probe);
        // Fails at once: not even the first write of this run goes through.
        FailingMailboxWrites.failAfter(0);
        assertThatThrownBy(() -> probe.start(PROVISIONING)).hasMessageContaining("injected fault");
        FailingMailboxWrites.disarm();
        probe.start(PROVISIONING);
        watching.set(false);
        watcher.join();

        assertThat(halfWay.values()).as("half-way: some folders already changed, some not yet")
            .contains(Optional.of(NEW), Optional.of(OLD));
        assertThat(violations).as("ACLs observed that neither configuration grants").isEmpty();
        assertThat(observations.get()).isPositive();
        for (String folder : FOLDERS) {
            assertThat(acl(probe, folder)).as(folder).contains(NEW);
        }
        assertThat(probe.acl(SUPPORT, "Ticket Registry")).isEmpty();
    }

    private static Map<String, Optional<Map<String, String>>> snapshot(ExtensionStartablesProbe probe) {
        Map<String, Optional<Map<String, String>>> acls = new java.util.TreeMap<>();
        FOLDERS.forEach(folder -> acls.put(folder, acl(probe, folder)));
        return acls;
    }

    /** Empty while the folder does not exist yet. */
    private static Optional<Map<String, String>> acl(ExtensionStartablesProbe probe, String folder) {
        try {
            return Optional.of(probe.acl(SUPPORT, folder));
        } catch (MailboxNotFoundException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
