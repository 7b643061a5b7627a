package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.outgoing.CollisionGuardSettings;
import com.teaminbox.core.outgoing.DataLossAction;
import com.teaminbox.core.outgoing.DataLossDetector;
import com.teaminbox.core.outgoing.OutgoingCare;

class OutgoingCareParsingTest {
    private static SharedMailbox mailbox(String children) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + children
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0);
    }

    @Test
    void outgoingCareShouldBeOffByDefault() {
        assertThat(mailbox("").outgoingCare()).isEqualTo(OutgoingCare.NONE);
    }

    @Test
    void detectorsShouldBeReadInOrderWithTheirActions() {
        OutgoingCare care = mailbox("    <data-loss skip-quoted=\"false\">\n"
            + "      <card-numbers action=\"refuse\"/>\n"
            + "      <ibans action=\"hold\"/>\n"
            + "      <pattern name=\"password\" action=\"flag\" regex=\"password: *[^ ]+\" case=\"insensitive\"/>\n"
            + "    </data-loss>\n").outgoingCare();

        assertThat(care.dataLoss().detectors()).extracting(DataLossDetector::name, DataLossDetector::action)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("card-numbers", DataLossAction.REFUSE),
                org.assertj.core.groups.Tuple.tuple("ibans", DataLossAction.HOLD),
                org.assertj.core.groups.Tuple.tuple("password", DataLossAction.FLAG));
        assertThat(care.dataLoss().skipQuoted()).isFalse();
        assertThat(care.dataLoss().holdRepository()).isEqualTo("file://var/mail/held/");
        assertThat(care.collisionGuard()).isEmpty();
    }

    @Test
    void collisionGuardShouldReadItsDefaults() {
        assertThat(mailbox("    <collision-guard/>\n").outgoingCare().collisionGuard()).contains(new CollisionGuardSettings(
            CollisionGuardSettings.Mode.REFUSE, CollisionGuardSettings.Answer.PERMANENT, Duration.ofMinutes(10)));
        assertThat(mailbox("    <collision-guard mode=\"warn\" answer=\"temporary\" resend-window=\"2h\"/>\n").outgoingCare().collisionGuard())
            .contains(new CollisionGuardSettings(CollisionGuardSettings.Mode.WARN, CollisionGuardSettings.Answer.TEMPORARY, Duration.ofHours(2)));
    }

    @Test
    void backtrackingPatternShouldBeRefusedAtLoadWithFileAndLine() {
        assertThatThrownBy(() -> mailbox("    <data-loss>\n"
            + "      <pattern name=\"evil\" action=\"refuse\" regex=\"(a+)+$\"/>\n"
            + "    </data-loss>\n"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("shared-mailboxes.xml:4: <pattern> regex '(a+)+$' is refused: it repeats a group that itself repeats");
    }

    @Test
    void exponentialAutomatonShouldBeRefusedAtLoad() {
        assertThatThrownBy(() -> mailbox("    <data-loss>\n"
            + "      <pattern name=\"huge\" action=\"flag\" regex=\"(a|b)*a(a|b){40}\"/>\n"
            + "    </data-loss>\n"))
            .hasMessageContaining("shared-mailboxes.xml:4: <pattern> regex '(a|b)*a(a|b){40}' is refused: it needs a larger automaton");
    }

    @Test
    void badValuesShouldEachBeNamed() {
        assertThatThrownBy(() -> mailbox("    <data-loss>\n"
            + "      <card-numbers action=\"bounce\"/>\n"
            + "      <pattern name=\"Bad Name\" action=\"flag\" regex=\"x\"/>\n"
            + "    </data-loss>\n"
            + "    <collision-guard mode=\"shout\" resend-window=\"forever\"/>\n"))
            .hasMessageContaining("shared-mailboxes.xml:4: <card-numbers> action 'bounce' is invalid; accepted: flag, hold, refuse")
            .hasMessageContaining("shared-mailboxes.xml:5: <pattern> name 'Bad Name' is invalid")
            .hasMessageContaining("shared-mailboxes.xml:7: <collision-guard> mode 'shout' is invalid; accepted: refuse, warn")
            .hasMessageContaining("resend-window 'forever' is invalid");
    }

    @Test
    void emptyDataLossShouldBeRefused() {
        assertThatThrownBy(() -> mailbox("    <data-loss/>\n")).hasMessageContaining("<data-loss> has no detector");
    }
}
