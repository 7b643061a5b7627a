package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.mailbox.SpoofedFromPolicy;

class SpoofedFromParsingTest {
    private static SharedMailbox mailbox(String attributes) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"" + attributes + "/>\n"
            + "</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0);
    }

    @Test
    void spoofedFromShouldBeRefusedByDefault() {
        assertThat(mailbox("").spoofedFrom()).isEqualTo(SpoofedFromPolicy.REFUSE);
    }

    @Test
    void spoofedFromShouldReadBothPolicies() {
        assertThat(mailbox(" spoofed-from=\"refuse\"").spoofedFrom()).isEqualTo(SpoofedFromPolicy.REFUSE);
        assertThat(mailbox(" spoofed-from=\"mark\"").spoofedFrom()).isEqualTo(SpoofedFromPolicy.MARK);
    }

    @Test
    void unknownSpoofedFromShouldBeRefusedWithFileLineAndAcceptedValues() {
        assertThatThrownBy(() -> mailbox(" spoofed-from=\"deliver\""))
            .hasMessageContaining("shared-mailboxes.xml:2: <shared-mailbox> spoofed-from 'deliver' is invalid; accepted: refuse, mark");
    }

    @Test
    void policyShouldTakePartInEquality() {
        SharedMailbox refused = mailbox("");

        assertThat(refused.withSpoofedFrom(SpoofedFromPolicy.MARK)).isNotEqualTo(refused);
        assertThat(refused.withSpoofedFrom(SpoofedFromPolicy.REFUSE)).isEqualTo(refused);
    }
}
