package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.mailbox.FolderName;
import com.teaminbox.core.retention.ArchiveTarget;
import com.teaminbox.core.retention.RetentionHold;
import com.teaminbox.core.retention.RetentionPeriod;
import com.teaminbox.core.retention.RetentionPolicy;
import com.teaminbox.core.retention.RetentionSettings;

class RetentionParsingTest {
    /** The retention element starts on line 5. */
    private static RetentionSettings retention(String retentionXml) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <folder name=\"Billing\"/>\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + retentionXml
            + "  </shared-mailbox>\n</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0).retention();
    }

    private static void assertRefused(String retentionXml, String message) {
        assertThatThrownBy(() -> retention(retentionXml))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining(message);
    }

    @Test
    void policiesHoldsAndScheduleShouldBeRead() {
        RetentionSettings read = retention("    <retention minimum-age=\"7d\" every=\"12h\">\n"
            + "      <folder name=\"Junk\" delete-after=\"30d\"/>\n"
            + "      <folder name=\"INBOX\" move-after=\"90d\" to=\"Archive/{year}/{month}\" when-flag=\"\\answered\"/>\n"
            + "      <folder name=\"Billing\" move-after=\"52w\" to=\"Archive/Billing\" when-flag=\"$Done\"/>\n"
            + "      <hold keyword=\"$Hold\" reason=\"legal\"/>\n"
            + "      <hold sender=\"Counsel@LawFirm.test\"/>\n"
            + "      <hold domain=\"lawfirm.test\"/>\n"
            + "      <hold ticket=\"SUP-12\"/>\n"
            + "      <hold all=\"true\" reason=\"litigation ACME\"/>\n"
            + "    </retention>\n");

        assertThat(read.minimumAge()).isEqualTo(RetentionPeriod.of("7d"));
        assertThat(read.every()).isEqualTo(RetentionPeriod.of("12h"));
        assertThat(read.policies()).containsExactly(
            RetentionPolicy.delete(FolderName.JUNK, RetentionPeriod.of("30d"), Optional.empty()),
            RetentionPolicy.move(FolderName.INBOX, RetentionPeriod.of("90d"), ArchiveTarget.of("Archive/{year}/{month}"), Optional.of("\\Answered")),
            RetentionPolicy.move(FolderName.of("Billing"), RetentionPeriod.of("52w"), ArchiveTarget.of("Archive/Billing"), Optional.of("$Done")));
        assertThat(read.holds()).extracting(RetentionHold::describe).containsExactly(
            "keyword=$Hold (legal)", "sender=counsel@lawfirm.test", "domain=lawfirm.test", "ticket=SUP-12", "all=true (litigation ACME)");
    }

    @Test
    void absentRetentionShouldKeepEverything() {
        assertThat(retention("")).isEqualTo(RetentionSettings.NONE);
    }

    @Test
    void emptyRetentionShouldTakeTheDefaultsAndNoPolicyForJunkOrTrash() {
        RetentionSettings read = retention("    <retention/>\n");

        assertThat(read.minimumAge()).isEqualTo(RetentionSettings.DEFAULT_MINIMUM_AGE);
        assertThat(read.every()).isEqualTo(RetentionSettings.DEFAULT_EVERY);
        assertThat(read.policies()).isEmpty();
    }

    @Test
    void policyShorterThanTheMinimumAgeShouldBeRefusedAtItsLine() {
        assertRefused("    <retention minimum-age=\"7d\">\n      <folder name=\"Junk\" delete-after=\"6d\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> delete-after '6d' is shorter than the minimum-age '7d' of this shared mailbox; no policy may undercut it");
    }

    @Test
    void policyEqualToTheMinimumAgeShouldBeAccepted() {
        assertThat(retention("    <retention minimum-age=\"7d\">\n      <folder name=\"Junk\" delete-after=\"1w\"/>\n    </retention>\n")
            .policies()).hasSize(1);
    }

    @Test
    void malformedPeriodShouldBeRefused() {
        assertRefused("    <retention>\n      <folder name=\"Junk\" delete-after=\"30 days\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> delete-after '30 days' is not a period; write a whole number and a unit");
        assertRefused("    <retention minimum-age=\"forever\"/>\n",
            "shared-mailboxes.xml:5: <retention> minimum-age 'forever' is not a period");
    }

    @Test
    void tooShortScheduleShouldBeRefused() {
        assertRefused("    <retention every=\"0m\"/>\n",
            "shared-mailboxes.xml:5: <retention> every '0m' is too short; the schedule runs at most every 1m");
    }

    @Test
    void unknownFolderShouldBeRefusedWithTheFoldersOfTheMailbox() {
        assertRefused("    <retention>\n      <folder name=\"Spam\" delete-after=\"30d\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> name 'Spam' is not a folder of this shared mailbox; declare it with <folder name=\"Spam\"/>"
                + " or use one of INBOX, Sent, Archive, Junk, Trash, Templates, Billing");
    }

    @Test
    void folderWithTwoPoliciesShouldBeRefused() {
        assertRefused("    <retention>\n      <folder name=\"Junk\" delete-after=\"30d\"/>\n      <folder name=\"Junk\" delete-after=\"60d\"/>\n    </retention>\n",
            "shared-mailboxes.xml:7: <folder> name 'Junk' already has a policy at line 6; give each folder one policy");
    }

    @Test
    void policyShouldNeedExactlyOneAction() {
        assertRefused("    <retention>\n      <folder name=\"Junk\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> needs exactly one of 'delete-after' and 'move-after'");
        assertRefused("    <retention>\n      <folder name=\"Junk\" delete-after=\"30d\" move-after=\"30d\" to=\"Archive\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> needs exactly one of 'delete-after' and 'move-after'");
    }

    @Test
    void moveShouldNeedATargetAndDeleteRefuseOne() {
        assertRefused("    <retention>\n      <folder name=\"INBOX\" move-after=\"90d\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> is missing the attribute 'to', which 'move-after' needs");
        assertRefused("    <retention>\n      <folder name=\"Junk\" delete-after=\"30d\" to=\"Archive\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> has 'to' with 'delete-after'; 'to' goes with 'move-after'");
    }

    @Test
    void badTargetShouldBeRefused() {
        assertRefused("    <retention>\n      <folder name=\"INBOX\" move-after=\"90d\" to=\"Archive/{week}\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> target 'Archive/{week}' has an unknown placeholder; accepted: {year}, {month}, {day}");
        assertRefused("    <retention>\n      <folder name=\"Junk\" move-after=\"90d\" to=\"Junk\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> target 'Junk' is the folder itself; move to another folder");
    }

    @Test
    void badFlagShouldBeRefused() {
        assertRefused("    <retention>\n      <folder name=\"INBOX\" move-after=\"90d\" to=\"Archive\" when-flag=\"\\Deleted\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <folder> when-flag '\\Deleted' is neither a system flag (\\Answered, \\Seen, \\Flagged, \\Draft)"
                + " nor an IMAP keyword");
        assertRefused("    <retention>\n      <folder name=\"INBOX\" move-after=\"90d\" to=\"Archive\" when-flag=\"is done\"/>\n    </retention>\n",
            "<folder> when-flag 'is done' is neither a system flag");
    }

    @Test
    void holdShouldNeedExactlyOneKind() {
        assertRefused("    <retention>\n      <hold/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> needs exactly one of keyword, sender, domain, ticket, all; write one hold per element");
        assertRefused("    <retention>\n      <hold keyword=\"$Hold\" sender=\"a@b.test\"/>\n    </retention>\n",
            "<hold> needs exactly one of keyword, sender, domain, ticket, all");
    }

    @Test
    void badHoldValuesShouldBeRefused() {
        assertRefused("    <retention>\n      <hold keyword=\"on hold\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> keyword 'on hold' is not an IMAP keyword; use letters, digits and $ _ - . such as $Hold");
        assertRefused("    <retention>\n      <hold sender=\"counsel\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> sender 'counsel' is not a mail address: it has no '@domain' part");
        assertRefused("    <retention>\n      <hold domain=\"x@lawfirm.test\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> domain 'x@lawfirm.test' is an address; write the domain only (lawfirm.test) or use sender=");
        assertRefused("    <retention>\n      <hold domain=\"law firm\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> domain 'law firm' is not a domain");
        assertRefused("    <retention>\n      <hold ticket=\"SAL-12\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> ticket 'SAL-12' is not a ticket of this shared mailbox; write it as SUP-12");
        assertRefused("    <retention>\n      <hold all=\"yes\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> all 'yes' is invalid; write all=\"true\" to hold the whole shared mailbox, or remove the element");
        assertRefused("    <retention>\n      <hold keyword=\"\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6: <hold> has an empty 'keyword'; a value is required");
    }

    @Test
    void unknownAttributesAndElementsShouldBeRefused() {
        assertRefused("    <retention minimum=\"7d\"/>\n",
            "shared-mailboxes.xml:5:30: <retention> has an unknown attribute 'minimum'; accepted: minimum-age, every");
        assertRefused("    <retention>\n      <policy folder=\"Junk\"/>\n    </retention>\n",
            "shared-mailboxes.xml:6:30: <policy> is not allowed inside <retention> here; expected: <folder>, <hold>");
        assertRefused("    <retention>\n      <folder name=\"Junk\" delete-after=\"30d\" keep=\"no\"/>\n    </retention>\n",
            "<folder> has an unknown attribute 'keep'; accepted: name, delete-after, move-after, to, when-flag");
    }

    @Test
    void secondRetentionShouldBeRefused() {
        assertRefused("    <retention/>\n    <retention/>\n", "shared-mailboxes.xml:6: <retention> appears more than once in this shared mailbox");
    }
}
