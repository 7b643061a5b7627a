package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.xml.ConfigurationException;

class UngovernedSmtpServersParsingTest {
    private static SharedMailboxesConfiguration parse(String rootAttributes) {
        String xml = "<shared-mailboxes" + rootAttributes + ">\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
            + "</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
    }

    @Test
    void ungovernedSmtpServersShouldBeRefusedByDefault() {
        assertThat(parse("").ungovernedSmtpServersAllowed()).isFalse();
        assertThat(parse(" ungoverned-smtp-servers=\"refuse\"").ungovernedSmtpServersAllowed()).isFalse();
    }

    @Test
    void ungovernedSmtpServersShouldBeAllowedOnlyExplicitly() {
        assertThat(parse(" ungoverned-smtp-servers=\"allow\"").ungovernedSmtpServersAllowed()).isTrue();
    }

    @Test
    void unknownValueShouldBeRefusedWithLineAndAcceptedValues() {
        assertThatThrownBy(() -> parse(" ungoverned-smtp-servers=\"yes\""))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:1: <shared-mailboxes> "
                + "ungoverned-smtp-servers 'yes' is invalid; use 'refuse' (the default) or 'allow'");
    }
}
