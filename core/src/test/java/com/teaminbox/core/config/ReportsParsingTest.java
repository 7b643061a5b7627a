package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.reports.ReportSettings;
import com.teaminbox.core.reports.WeeklyDigest;
import com.teaminbox.core.mailbox.SpoofedFromPolicy;

class ReportsParsingTest {
    /** The reports element starts on line 4. */
    private static ReportSettings reports(String reportsXml) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + reportsXml
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0).reports();
    }

    private static void assertRefused(String reportsXml, String message) {
        assertThatThrownBy(() -> reports(reportsXml))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(message);
    }

    @Test
    void weeklyDigestShouldBeRead() {
        ReportSettings read = reports("    <reports>\n      <weekly-digest to=\"Alice@Example.test, lead@example.test\" day=\"monday\""
            + " time=\"08:00\" time-zone=\"Europe/Paris\"/>\n    </reports>\n");

        assertThat(read.weeklyDigest()).hasValueSatisfying(digest -> {
            assertThat(digest.to()).extracting(address -> address.asString()).containsExactly("alice@example.test", "lead@example.test");
            assertThat(digest.day()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(digest.time()).isEqualTo(LocalTime.of(8, 0));
            assertThat(digest.timeZone()).contains(ZoneId.of("Europe/Paris"));
        });
    }

    @Test
    void timeZoneShouldBeOptional() {
        assertThat(reports("    <reports><weekly-digest to=\"alice@example.test\" day=\"friday\" time=\"17:30\"/></reports>\n")
            .weeklyDigest().map(WeeklyDigest::timeZone)).contains(Optional.empty());
    }

    @Test
    void absentOrEmptyReportsShouldSendNoDigest() {
        assertThat(reports("")).isEqualTo(ReportSettings.NONE);
        assertThat(reports("    <reports/>\n")).isEqualTo(ReportSettings.NONE);
    }

    @Test
    void unknownDayShouldBeRefusedAtItsLine() {
        assertRefused("    <reports>\n      <weekly-digest to=\"alice@example.test\" day=\"mon\" time=\"08:00\"/>\n    </reports>\n",
            "shared-mailboxes.xml:5: <weekly-digest> day 'mon' is not a day; accepted: monday, tuesday");
    }

    @Test
    void badTimeShouldBeRefused() {
        assertRefused("    <reports><weekly-digest to=\"alice@example.test\" day=\"monday\" time=\"8h\"/></reports>\n",
            "shared-mailboxes.xml:4: <weekly-digest> time '8h' is not a time; use HH:MM from 00:00 to 23:59");
        assertRefused("    <reports><weekly-digest to=\"alice@example.test\" day=\"monday\" time=\"24:00\"/></reports>\n",
            "time '24:00' is not a time");
    }

    @Test
    void badRecipientShouldBeRefused() {
        assertRefused("    <reports><weekly-digest to=\"alice@example.test, bob\" day=\"monday\" time=\"08:00\"/></reports>\n",
            "<weekly-digest> to 'bob' is not a mail address");
        assertRefused("    <reports><weekly-digest to=\" , \" day=\"monday\" time=\"08:00\"/></reports>\n",
            "<weekly-digest> to is empty");
    }

    @Test
    void tooManyRecipientsShouldBeRefused() {
        String to = String.join(",", java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "lead" + i + "@example.test").toList());
        assertRefused("    <reports><weekly-digest to=\"" + to + "\" day=\"monday\" time=\"08:00\"/></reports>\n",
            "to names 21 recipients; at most 20");
    }

    @Test
    void missingAttributesShouldBeRefused() {
        assertRefused("    <reports><weekly-digest day=\"monday\" time=\"08:00\"/></reports>\n", "<weekly-digest>");
        assertRefused("    <reports><weekly-digest to=\"alice@example.test\" time=\"08:00\"/></reports>\n", "day");
    }

    @Test
    void unknownTimeZoneAttributeOrChildShouldBeRefused() {
        assertRefused("    <reports><weekly-digest to=\"alice@example.test\" day=\"monday\" time=\"08:00\" time-zone=\"Mars/Olympus\"/></reports>\n",
            "time-zone 'Mars/Olympus' is not a time zone");
        assertRefused("    <reports><weekly-digest to=\"alice@example.test\" day=\"monday\" time=\"08:00\" cc=\"x@example.test\"/></reports>\n",
            "cc");
        assertRefused("    <reports><monthly-digest/></reports>\n", "monthly-digest");
    }

    @Test
    void twoDigestsOrTwoReportsShouldBeRefused() {
        assertRefused("    <reports>\n      <weekly-digest to=\"alice@example.test\" day=\"monday\" time=\"08:00\"/>\n"
            + "      <weekly-digest to=\"bob@example.test\" day=\"monday\" time=\"08:00\"/>\n    </reports>\n",
            "shared-mailboxes.xml:6: <weekly-digest> appears more than once");
        assertRefused("    <reports/>\n    <reports/>\n", "shared-mailboxes.xml:5: <reports> appears more than once");
    }

    @Test
    void spoofedFromShouldNotLoseTheReports() {
        String xml = "<shared-mailboxes>\n  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" spoofed-from=\"mark\">\n"
            + "    <reports><weekly-digest to=\"alice@example.test\" day=\"monday\" time=\"08:00\"/></reports>\n"
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        SharedMailbox read = new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml").sharedMailboxes().get(0);

        assertThat(read.spoofedFrom()).isEqualTo(SpoofedFromPolicy.MARK);
        assertThat(read.reports().weeklyDigest().map(WeeklyDigest::to).orElse(List.of())).hasSize(1);
    }
}
