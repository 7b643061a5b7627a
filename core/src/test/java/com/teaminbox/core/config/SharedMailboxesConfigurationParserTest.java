package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.mailbox.Role;
import com.teaminbox.core.mailbox.SendPermission;
import com.teaminbox.core.ticket.TicketPrefix;

class SharedMailboxesConfigurationParserTest {
    private static final String FILE = "shared-mailboxes.xml";

    private static SharedMailboxesConfiguration parse(String xml) {
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    private static String wrap(String body) {
        return "<shared-mailboxes>\n" + body + "\n</shared-mailboxes>\n";
    }

    @Test
    void validFileShouldGiveMailboxesMembersAndFolders() {
        SharedMailboxesConfiguration configuration = parse(wrap(
            "  <shared-mailbox address=\"Support@Example.test\" ticket-prefix=\"SUP\" display-name=\"Support team\">\n"
                + "    <folder name=\"Clients/ACME\"/>\n"
                + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
                + "    <member address=\"bob@example.test\" role=\"read-only\"/>\n"
                + "  </shared-mailbox>"));

        SharedMailbox support = configuration.sharedMailboxes().get(0);
        assertThat(support.address().asString()).isEqualTo("support@example.test");
        assertThat(support.ticketPrefix()).isEqualTo(TicketPrefix.of("SUP"));
        assertThat(support.displayName()).contains("Support team");
        assertThat(support.folders()).extracting(FolderName::path)
            .containsExactly("INBOX", "Sent", "Archive", "Junk", "Trash", "Templates", "Clients/ACME");
        assertThat(support.members()).extracting(member -> member.address().asString() + "=" + member.role().name())
            .containsExactly("alice@example.test=full", "bob@example.test=read-only");
        assertThat(support.location().line()).isEqualTo(2);
    }

    @Test
    void schemaLocationAttributeShouldBeAccepted() {
        SharedMailboxesConfiguration configuration = parse("<shared-mailboxes xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            + "xsi:noNamespaceSchemaLocation=\"shared-mailboxes.xsd\"/>");

        assertThat(configuration.sharedMailboxes()).isEmpty();
    }

    @Test
    void customRoleShouldBeUsableByMembers() {
        SharedMailboxesConfiguration configuration = parse(wrap(
            "  <roles><role name=\"agent\" rights=\"wsrl\" send=\"send-on-behalf\"/></roles>\n"
                + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" role=\"agent\"/>\n"
                + "  </shared-mailbox>"));

        Role agent = configuration.sharedMailboxes().get(0).members().get(0).role();
        assertThat(agent.rights()).isEqualTo("lrsw");
        assertThat(agent.sendPermission()).isEqualTo(SendPermission.SEND_ON_BEHALF);
    }

    @Test
    void malformedXmlShouldNameFileAndLine() {
        assertThatThrownBy(() -> parse("<shared-mailboxes>\n  <shared-mailbox address=\"a@b.c\"\n</shared-mailboxes>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageStartingWith("Invalid shared-mailbox configuration: shared-mailboxes.xml:3: <xml> is not well-formed XML");
    }

    @Test
    void doctypeShouldBeRefused() {
        assertThatThrownBy(() -> parse("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
            + "<shared-mailboxes>&e;</shared-mailboxes>"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("shared-mailboxes.xml:2: <!DOCTYPE> is not allowed");
    }

    @Test
    void wrongRootElementShouldBeRefused() {
        assertThatThrownBy(() -> parse("<mailboxes/>"))
            .hasMessageContaining("shared-mailboxes.xml:1: <mailboxes> is not the expected root element");
    }

    @Test
    void unknownElementShouldNameItsParentAndTheAcceptedOnes() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <owner address=\"alice@example.test\"/>\n"
                + "  </shared-mailbox>")))
            .hasMessageStartingWith("Invalid shared-mailbox configuration: shared-mailboxes.xml:3:42: <owner> is not allowed inside "
                + "<shared-mailbox> here; expected: <folder>, <member>");
    }

    @Test
    void unknownAttributeShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" rol=\"full\"/>\n"
                + "  </shared-mailbox>")))
            .hasMessageContaining("shared-mailboxes.xml:3:54: <member> has an unknown attribute 'rol'; accepted: address, role")
            .hasMessageContaining("shared-mailboxes.xml:3:54: <member> is missing the required attribute 'role'");
    }

    @Test
    void textContentShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" role=\"full\">alice</member>\n"
                + "  </shared-mailbox>")))
            .hasMessageContaining("shared-mailboxes.xml:3: <member> contains text 'alice'");
    }

    @Test
    void malformedAddressShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <shared-mailbox address=\"support@@example.test\" ticket-prefix=\"SUP\"/>")))
            .hasMessageStartingWith("Invalid shared-mailbox configuration: shared-mailboxes.xml:2: <shared-mailbox> "
                + "address 'support@@example.test' is not a mail address");
    }

    @Test
    void addressWithoutDomainShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <shared-mailbox address=\"support\" ticket-prefix=\"SUP\"/>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:2: <shared-mailbox> "
                + "address 'support' is not a mail address: it has no '@domain' part");
    }

    @Test
    void duplicateSharedMailboxShouldNameTheFirstDeclaration() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
                + "  <shared-mailbox address=\"SUPPORT@example.test\" ticket-prefix=\"SUQ\"/>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:3: <shared-mailbox> address "
                + "'support@example.test' is already declared at line 2; each shared mailbox is declared once");
    }

    @Test
    void duplicateTicketPrefixShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
                + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SUP\"/>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:3: <shared-mailbox> ticket-prefix "
                + "'SUP' is already used at line 2; ticket prefixes must be unique");
    }

    @Test
    void malformedTicketPrefixShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"sup-1\"/>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:2: <shared-mailbox> ticket prefix "
                + "'sup-1' is invalid; use 2 to 10 upper-case letters or digits starting with a letter, such as SUP");
    }

    @Test
    void missingRequiredValueShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <shared-mailbox address=\"support@example.test\"/>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:2:51: <shared-mailbox> "
                + "is missing the required attribute 'ticket-prefix'");
    }

    @Test
    void emptyRequiredValueShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <shared-mailbox address=\" \" ticket-prefix=\"SUP\"/>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:2: <shared-mailbox> "
                + "has an empty 'address'; a value is required");
    }

    @Test
    void unknownRoleShouldListKnownRoles() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" role=\"admin\"/>\n"
                + "  </shared-mailbox>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:3: <member> role 'admin' is not "
                + "defined; known roles: full, send-as, send-on-behalf, read-only (define others in <roles>)");
    }

    @Test
    void duplicateMemberShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
                + "    <member address=\"alice@example.test\" role=\"read-only\"/>\n"
                + "  </shared-mailbox>")))
            .hasMessageContaining("shared-mailboxes.xml:4: <member> address 'alice@example.test' is already a member at line 3");
    }

    @Test
    void sharedMailboxShouldNotBeItsOwnMember() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"support@example.test\" role=\"full\"/>\n"
                + "  </shared-mailbox>")))
            .hasMessageContaining("shared-mailboxes.xml:3: <member> address 'support@example.test' is the shared mailbox itself");
    }

    @Test
    void sharedMailboxShouldNotBeMemberOfAnother() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"sales@example.test\" role=\"full\"/>\n"
                + "  </shared-mailbox>\n"
                + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\"/>")))
            .hasMessageContaining("shared-mailboxes.xml:3: <member> address 'sales@example.test' is a shared mailbox");
    }

    @Test
    void invalidFolderNameShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <folder name=\"Clients//ACME\"/>\n"
                + "  </shared-mailbox>")))
            .hasMessageContaining("shared-mailboxes.xml:3: <folder> folder name 'Clients//ACME' has an empty level");
    }

    @Test
    void customRoleWithUnknownRightShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <roles><role name=\"agent\" rights=\"lrz\"/></roles>")))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:2: <role> rights 'lrz' contain 'z', "
                + "which is not an RFC 4314 right; use letters of 'lrswipkxtea'");
    }

    @Test
    void customRoleShouldNotRedefineBuiltInRole() {
        assertThatThrownBy(() -> parse(wrap("  <roles><role name=\"full\" rights=\"lr\"/></roles>")))
            .hasMessageContaining("<role> name 'full' is already defined as a built-in role");
    }

    @Test
    void customRoleWithUnknownSendPermissionShouldBeRefused() {
        assertThatThrownBy(() -> parse(wrap("  <roles><role name=\"agent\" rights=\"lr\" send=\"always\"/></roles>")))
            .hasMessageContaining("<role> send 'always' is invalid; accepted: none, send-as, send-on-behalf");
    }

    @Test
    void everyProblemShouldBeReportedAtOnce() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support\" ticket-prefix=\"SUP\"/>\n"
                + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"x\"/>")))
            .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).hasSize(2))
            .hasMessageContaining("(2 problems)")
            .hasMessageContaining("shared-mailboxes.xml:2:")
            .hasMessageContaining("shared-mailboxes.xml:3:");
    }

    @Test
    void everyStructuralErrorShouldBeReportedWithFileLineAndColumnAtOnce() {
        assertThatThrownBy(() -> parse(wrap(
            "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" colour=\"blue\">\n"
                + "    <member address=\"alice@example.test\"/>\n"
                + "    <owner address=\"bob@example.test\"/>\n"
                + "  </shared-mailbox>")))
            .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(Object::toString).satisfiesExactly(
                first -> assertThat(first).isEqualTo("shared-mailboxes.xml:2:84: <shared-mailbox> has an unknown attribute 'colour'; "
                    + "accepted: address, ticket-prefix, ticket-format, forged-tags, spoofed-from, display-name"),
                second -> assertThat(second).isEqualTo("shared-mailboxes.xml:3:43: <member> is missing the required attribute 'role'"),
                // the list of accepted children grows with each feature's section
                third -> assertThat(third).startsWith("shared-mailboxes.xml:4:40: <owner> is not allowed inside <shared-mailbox> here; "
                    + "expected: <folder>, <member>, <outgoing-subjects>, <vague-subjects>, <rules>, <acknowledgement>, <retention>")))
            .hasMessageStartingWith("Invalid shared-mailbox configuration (3 problems):");
    }
}
