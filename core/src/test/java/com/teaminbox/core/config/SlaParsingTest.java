package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.sla.SlaPolicy;
import com.teaminbox.core.sla.SlaSettings;
import com.teaminbox.core.sla.SlaTarget;

class SlaParsingTest {
    private static final String HOURS = "    <acknowledgement>\n"
        + "      <business-hours time-zone=\"Europe/Paris\"><day name=\"monday\" open=\"09:00\" close=\"18:00\"/></business-hours>\n"
        + "      <template kind=\"ack\" text=\"ack.txt\"/>\n"
        + "    </acknowledgement>\n";
    private static final String RULES = "    <rules><rule name=\"urgent\" when=\"subject:urgent\"><flag name=\"\\Flagged\"/></rule></rules>\n";

    /** The sla element starts on line 4. */
    private static SlaSettings sla(String slaXml) {
        return sla(slaXml, HOURS);
    }

    private static SlaSettings sla(String slaXml, String acknowledgement) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + slaXml
            + RULES
            + acknowledgement
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser(path -> "Ticket {{ticket}}\n")
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0).sla();
    }

    private static void assertRefused(String slaXml, String message) {
        assertThatThrownBy(() -> sla(slaXml))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(message);
    }

    @Test
    void policiesTargetsAndActionsShouldBeRead() {
        SlaSettings read = sla("    <sla warn-at=\"75%\">\n"
            + "      <policy name=\"urgent\" rule=\"urgent\" first-response=\"1h\">\n"
            + "        <on-warning><keyword name=\"$SlaWarning\"/></on-warning>\n"
            + "        <on-breach><keyword name=\"$SlaBreached\"/><notify address=\"lead@example.test\"/><notify-assignee/>"
            + "<assign member=\"alice@example.test\" notify=\"true\"/></on-breach>\n"
            + "      </policy>\n"
            + "      <policy name=\"standard\" first-response=\"4h\" next-response=\"90m\" resolution=\"40h\" warn-at=\"50\"/>\n"
            + "    </sla>\n");

        SlaPolicy urgent = read.policy("urgent").orElseThrow();
        assertThat(urgent.rule()).contains("urgent");
        assertThat(urgent.target(SlaTarget.FIRST_RESPONSE)).contains(Duration.ofHours(1));
        assertThat(urgent.target(SlaTarget.RESOLUTION)).isEmpty();
        assertThat(urgent.warnAtPercent()).isEqualTo(75);
        assertThat(urgent.onWarning()).hasToString("[keyword $SlaWarning]");
        assertThat(urgent.onBreach()).hasToString("[keyword $SlaBreached, notify lead@example.test, notify-assignee, assign alice@example.test (notify)]");
        SlaPolicy standard = read.policy("standard").orElseThrow();
        assertThat(standard.target(SlaTarget.NEXT_RESPONSE)).contains(Duration.ofMinutes(90));
        assertThat(standard.warnAtPercent()).isEqualTo(50);
        assertThat(read.policyFor(Set.of("urgent"))).contains(urgent);
        assertThat(read.policyFor(Set.of())).contains(standard);
        assertThat(read.calendar().isOpen(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, ZoneId.of("Europe/Paris")).toInstant()))
            .isTrue();
    }

    @Test
    void absentSlaShouldWatchNothing() {
        assertThat(sla("")).isEqualTo(SlaSettings.NONE);
    }

    @Test
    void anUnknownRuleShouldBeRefusedAtItsLine() {
        assertRefused("    <sla>\n      <policy name=\"vip\" rule=\"vip\" first-response=\"1h\"/>\n    </sla>\n",
            "shared-mailboxes.xml:5: <policy> rule 'vip' is not a rule of this shared mailbox; known: urgent");
    }

    @Test
    void anImpossibleTargetShouldBeRefusedAtItsLine() {
        assertRefused("    <sla>\n      <policy name=\"standard\" first-response=\"0h\"/>\n    </sla>\n",
            "shared-mailboxes.xml:5: <policy> first-response '0h' is impossible; a target is from 1m to 500h");
        assertRefused("    <sla>\n      <policy name=\"standard\" resolution=\"9000h\"/>\n    </sla>\n",
            "shared-mailboxes.xml:5: <policy> resolution '9000h' is impossible");
        assertRefused("    <sla>\n      <policy name=\"standard\" first-response=\"4 hours\"/>\n    </sla>\n",
            "shared-mailboxes.xml:5: <policy> first-response '4 hours' is invalid; write business minutes or hours such as 90m or 4h");
    }

    @Test
    void aMissingCalendarShouldBeRefusedAtTheSlaLine() {
        assertThatThrownBy(() -> sla("    <sla>\n      <policy name=\"standard\" first-response=\"4h\"/>\n    </sla>\n", ""))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("shared-mailboxes.xml:4: <sla> counts business hours, but this shared mailbox has no <acknowledgement> with <business-hours>");
    }

    @Test
    void aCalendarThatNeverOpensShouldBeRefused() {
        assertThatThrownBy(() -> sla("    <sla>\n      <policy name=\"standard\" first-response=\"4h\"/>\n    </sla>\n",
            "    <acknowledgement><business-hours time-zone=\"UTC\"/><template kind=\"ack\" text=\"ack.txt\"/></acknowledgement>\n"))
            .hasMessageContaining("shared-mailboxes.xml:4: <sla> counts business hours, but <business-hours> has no <day>");
    }

    @Test
    void theWallClockShouldNeedNoCalendar() {
        assertThat(sla("    <sla calendar=\"wall-clock\">\n      <policy name=\"standard\" first-response=\"4h\"/>\n    </sla>\n", "")
            .policies()).hasSize(1);
    }

    @Test
    void twoDefaultPoliciesShouldBeRefused() {
        assertRefused("    <sla>\n      <policy name=\"a\" first-response=\"4h\"/>\n      <policy name=\"b\" first-response=\"4h\"/>\n    </sla>\n",
            "shared-mailboxes.xml:6: <policy> is a second default policy (no 'rule'); the default is at line 5");
    }

    @Test
    void aPolicyWithoutTargetShouldBeRefused() {
        assertRefused("    <sla>\n      <policy name=\"a\"/>\n    </sla>\n", "shared-mailboxes.xml:5: <policy> has no target");
    }

    @Test
    void warnAtOutOfRangeShouldBeRefused() {
        assertRefused("    <sla warn-at=\"100%\">\n      <policy name=\"a\" first-response=\"4h\"/>\n    </sla>\n",
            "shared-mailboxes.xml:4: <sla> warn-at '100%' is invalid; use a percentage of the target from 1 to 99");
    }

    @Test
    void aRuleOnlyActionShouldBeRefusedInAnEscalation() {
        assertRefused("    <sla>\n      <policy name=\"a\" first-response=\"4h\">\n        <on-breach><junk/></on-breach>\n      </policy>\n    </sla>\n",
            "shared-mailboxes.xml:6:27: <junk> is not allowed inside <on-breach>");
    }

    @Test
    void anAssigneeWhoIsNoMemberShouldBeRefused() {
        assertRefused("    <sla>\n      <policy name=\"a\" first-response=\"4h\">\n        <on-breach><assign member=\"eve@example.test\"/></on-breach>\n"
            + "      </policy>\n    </sla>\n", "shared-mailboxes.xml:6: <assign> member 'eve@example.test' is not a member of this shared mailbox");
    }

    @Test
    void policiesReadTwiceShouldBeEqual() {
        String xml = "    <sla>\n      <policy name=\"a\" first-response=\"4h\"><on-breach><keyword name=\"$SlaBreached\"/></on-breach></policy>\n    </sla>\n";
        assertThat(sla(xml)).isEqualTo(sla(xml));
        assertThat(sla(xml).policies().get(0).rule()).isEqualTo(Optional.empty());
    }
}
