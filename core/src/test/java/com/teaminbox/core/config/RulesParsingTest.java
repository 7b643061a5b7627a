package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.rules.Rule;
import com.teaminbox.core.rules.RuleLanguage;
import com.teaminbox.core.rules.Rules;

class RulesParsingTest {
    private static Rules rules(String rulesXml) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <folder name=\"Billing\"/>\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + rulesXml
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0).rules();
    }

    @Test
    void rulesShouldBeReadInOrderWithEveryAction() {
        Rules read = rules("    <rules language=\"fr\" body-prefix-chars=\"4096\">\n"
            + "      <rule name=\"billing\" when=\"subject:(facture invoice)\">\n"
            + "        <file-into folder=\"Billing\"/><keyword name=\"$Billing\"/><assign member=\"alice@example.test\" notify=\"true\"/>\n"
            + "        <flag name=\"\\Flagged\"/><set-header name=\"X-Priority\" value=\"1\"/><remove-header name=\"X-Spam\"/>\n"
            + "        <notify address=\"boss@example.test\"/><autoresponse template=\"billing\"/><stop/>\n"
            + "      </rule>\n"
            + "      <rule name=\"spam\" when=\"header.x-spam-flag:yes\" mode=\"audit\"><junk/></rule>\n"
            + "    </rules>\n");

        assertThat(read.language()).isEqualTo(RuleLanguage.FRENCH);
        assertThat(read.bodyPrefixChars()).isEqualTo(4096);
        assertThat(read.rules()).extracting(Rule::name).containsExactly("billing", "spam");
        assertThat(read.rules().get(0).actions()).hasSize(9);
        assertThat(read.rules().get(1).mode()).isEqualTo(Rule.Mode.AUDIT);
    }

    @Test
    void absentRulesShouldGiveNone() {
        assertThat(rules("")).isEqualTo(Rules.NONE);
    }

    @Test
    void badQueryShouldNameLineAndPosition() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"subject:(invoice OR\"><junk/></rule>\n    </rules>\n"))
            .hasMessageContaining("shared-mailboxes.xml:6: <rule> query 'subject:(invoice OR' is invalid: Cannot parse")
            .hasMessageContaining("column");
    }

    @Test
    void unknownFolderShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"invoice\"><file-into folder=\"Invoices\"/></rule>\n    </rules>\n"))
            .hasMessageContaining("shared-mailboxes.xml:6: <file-into> folder 'Invoices' is not a folder of this shared mailbox");
    }

    @Test
    void unknownMemberShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"invoice\"><assign member=\"zoe@example.test\"/></rule>\n    </rules>\n"))
            .hasMessageContaining("shared-mailboxes.xml:6: <assign> member 'zoe@example.test' is not a member of this shared mailbox");
    }

    @Test
    void unknownActionShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"invoice\"><delete/></rule>\n    </rules>\n"))
            .hasMessageContaining("shared-mailboxes.xml:6:46: <delete> is not allowed inside <rule> here; expected: <file-into>");
    }

    @Test
    void unknownLanguageShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules language=\"de\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:5: <rules> language 'de' is not supported; accepted: en, fr");
    }

    @Test
    void duplicateRuleNameShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"a\"><junk/></rule>\n      <rule name=\"x\" when=\"b\"><junk/></rule>\n    </rules>\n"))
            .hasMessageContaining("shared-mailboxes.xml:7: <rule> name 'x' is already used at line 6");
    }

    @Test
    void ruleWithoutActionShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"a\"/>\n    </rules>\n"))
            .hasMessageContaining("shared-mailboxes.xml:6: <rule> has no action");
    }

    @Test
    void unknownFlagShouldBeRefused() {
        assertThatThrownBy(() -> rules("    <rules>\n      <rule name=\"x\" when=\"a\"><flag name=\"\\Deleted\"/></rule>\n    </rules>\n"))
            .hasMessageContaining("<flag> name '\\Deleted' is not a flag a rule may set");
    }
}
