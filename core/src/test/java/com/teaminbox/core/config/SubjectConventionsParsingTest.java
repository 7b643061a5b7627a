package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.ticket.ForgedTagPolicy;
import com.teaminbox.core.ticket.OutgoingConvention;
import com.teaminbox.core.ticket.SubjectConventions;
import com.teaminbox.core.ticket.TicketTagFormat;
import com.teaminbox.core.ticket.VagueSubjects;

class SubjectConventionsParsingTest {
    private static SubjectConventions conventions(String attributes, String children) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"" + attributes + ">\n"
            + children
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0).subjectConventions();
    }

    @Test
    void absentConventionsShouldGiveTheDefaults() {
        assertThat(conventions("", "")).isEqualTo(SubjectConventions.DEFAULT);
    }

    @Test
    void everyConventionShouldBeRead() {
        SubjectConventions read = conventions(" ticket-format=\"[{prefix} #{number}]\" forged-tags=\"remove\"",
            "    <outgoing-subjects mode=\"reject\"><project prefix=\"ACME\"/></outgoing-subjects>\n"
                + "    <vague-subjects keyword=\"$ATrier\"><subject text=\"salut\"/><subject text=\"aide\"/></vague-subjects>\n");

        assertThat(read.tagFormat()).isEqualTo(TicketTagFormat.of("[{prefix} #{number}]"));
        assertThat(read.forgedTagPolicy()).isEqualTo(ForgedTagPolicy.REMOVE);
        assertThat(read.outgoing()).hasValueSatisfying(outgoing -> assertThat(outgoing.mode()).isEqualTo(OutgoingConvention.Mode.REJECT));
        assertThat(read.vagueSubjects()).isEqualTo(new VagueSubjects(java.util.List.of("salut", "aide"), "$ATrier"));
    }

    @Test
    void invalidTicketFormatShouldBeRefused() {
        assertThatThrownBy(() -> conventions(" ticket-format=\"[{number}]\"", ""))
            .hasMessageContaining("shared-mailboxes.xml:2: <shared-mailbox> ticket format '[{number}]' must contain {prefix} and {number} exactly once");
    }

    @Test
    void unknownForgedTagPolicyShouldBeRefused() {
        assertThatThrownBy(() -> conventions(" forged-tags=\"drop\"", ""))
            .hasMessageContaining("shared-mailboxes.xml:2: <shared-mailbox> forged-tags 'drop' is invalid; accepted: keep, remove");
    }

    @Test
    void unknownOutgoingModeShouldBeRefused() {
        assertThatThrownBy(() -> conventions("", "    <outgoing-subjects mode=\"bounce\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:3: <outgoing-subjects> mode 'bounce' is invalid; accepted: fix, reject, flag");
    }

    @Test
    void invalidPatternShouldNameItsPosition() {
        assertThatThrownBy(() -> conventions("", "    <outgoing-subjects mode=\"flag\" pattern=\"[ACME\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:3: <outgoing-subjects> pattern '[ACME' is not a valid regular expression");
    }

    @Test
    void fixWithProjectsShouldBeRefused() {
        assertThatThrownBy(() -> conventions("", "    <outgoing-subjects mode=\"fix\"><project prefix=\"ACME\"/></outgoing-subjects>\n"))
            .hasMessageContaining("<outgoing-subjects> mode 'fix' can only insert ticket tags");
    }

    @Test
    void invalidProjectPrefixShouldBeRefused() {
        assertThatThrownBy(() -> conventions("", "    <outgoing-subjects mode=\"flag\"><project prefix=\"a b\"/></outgoing-subjects>\n"))
            .hasMessageContaining("<project> prefix 'a b' is invalid");
    }

    @Test
    void invalidKeywordShouldBeRefused() {
        assertThatThrownBy(() -> conventions("", "    <vague-subjects keyword=\"to triage\"/>\n"))
            .hasMessageContaining("<vague-subjects> keyword 'to triage' is not an IMAP keyword");
    }

    @Test
    void secondOutgoingConventionShouldBeRefused() {
        assertThatThrownBy(() -> conventions("", "    <outgoing-subjects mode=\"flag\"/>\n    <outgoing-subjects mode=\"fix\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:4: <outgoing-subjects> appears more than once");
    }
}
