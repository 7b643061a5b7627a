package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.mailbox.Role;

class FolderRolesParsingTest {
    private static Member bob(String children) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <folder name=\"Billing\"/>\n"
            + "    <member address=\"bob@example.test\" role=\"read-only\">\n" + children + "    </member>\n"
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0).members().get(0);
    }

    @Test
    void folderRoleShouldOverrideTheMembersRoleOnThatFolderOnly() {
        Member bob = bob("      <folder name=\"Billing\" role=\"full\"/>\n      <folder name=\"Junk\" role=\"none\"/>\n");

        assertThat(bob.roleOn(FolderName.of("Billing"))).contains(Role.FULL);
        assertThat(bob.roleOn(FolderName.JUNK)).isEmpty();
        assertThat(bob.roleOn(FolderName.INBOX)).contains(Role.READ_ONLY);
    }

    @Test
    void folderRoleShouldGovernTheFoldersInsideItUnlessTheyHaveTheirOwn() {
        Member bob = bob("      <folder name=\"Billing\" role=\"none\"/>\n");

        assertThat(bob.roleOn(FolderName.of("Billing/2024"))).as("created or moved under Billing").isEmpty();
        assertThat(bob.roleOn(FolderName.of("Billing/2024/Q1"))).isEmpty();
        assertThat(bob.roleOn(FolderName.of("BillingOld"))).as("a sibling whose name starts alike").contains(Role.READ_ONLY);
    }

    @Test
    void aFolderShouldBeGovernedByAFolderRoleOnItAboveItOrInsideIt() {
        Member bob = bob("      <folder name=\"Billing\" role=\"none\"/>\n");

        assertThat(bob.isGovernedByFolderRole(FolderName.of("Billing"))).isTrue();
        assertThat(bob.isGovernedByFolderRole(FolderName.of("Billing/2024"))).isTrue();
        assertThat(bob.isGovernedByFolderRole(FolderName.of("BillingOld"))).isFalse();
        assertThat(bob.isGovernedByFolderRole(FolderName.INBOX)).isFalse();
    }

    @Test
    void unknownFolderShouldBeRefused() {
        assertThatThrownBy(() -> bob("      <folder name=\"Invoices\" role=\"full\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:5: <folder> name 'Invoices' is not a folder of this shared mailbox");
    }

    @Test
    void unknownRoleShouldBeRefused() {
        assertThatThrownBy(() -> bob("      <folder name=\"Billing\" role=\"boss\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:5: <folder> role 'boss' is not defined");
    }

    @Test
    void secondRoleOnTheSameFolderShouldBeRefused() {
        assertThatThrownBy(() -> bob("      <folder name=\"Billing\" role=\"full\"/>\n      <folder name=\"Billing\" role=\"none\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:6: <folder> name 'Billing' already has a role for this member");
    }

    @Test
    void otherElementsInsideAMemberShouldBeRefused() {
        assertThatThrownBy(() -> bob("      <rights/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:5:16: <rights> is not allowed inside <member> here; expected: <folder>");
    }
}
