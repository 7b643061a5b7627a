package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.teaminbox.core.audit.AlertRule;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditFailurePolicy;
import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.config.xml.ConfigurationException;

class AuditParsingTest {
    private static AuditSettings parse(String audit) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
            + audit
            + "</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml").audit();
    }

    @Test
    void defaultsShouldApplyWithoutAuditElement() {
        assertThat(parse("")).isEqualTo(AuditSettings.DEFAULT);
        assertThat(AuditSettings.DEFAULT.onFailure()).isEqualTo(AuditFailurePolicy.DEFER);
        assertThat(AuditSettings.DEFAULT.directory()).isEqualTo("var/audit");
        assertThat(AuditSettings.DEFAULT.readAccess()).isTrue();
    }

    @Test
    void fullAuditElementShouldBeRead() {
        AuditSettings settings = parse("  <audit directory=\"/var/log/teaminbox\" node=\"james-1\" on-failure=\"continue\""
            + " read-access=\"false\" max-file-size=\"16MB\">\n"
            + "    <alerts to=\"postmaster@example.test, security@example.test\">\n"
            + "      <alert name=\"mass-expunge\" event=\"messages-expunged\" more-than=\"50\" within=\"10m\" per-actor=\"true\"/>\n"
            + "      <alert name=\"refused-logins\" event=\"login-refused\" more-than=\"20\" within=\"1h\"/>\n"
            + "    </alerts>\n"
            + "  </audit>\n");

        assertThat(settings.directory()).isEqualTo("/var/log/teaminbox");
        assertThat(settings.node()).contains("james-1");
        assertThat(settings.onFailure()).isEqualTo(AuditFailurePolicy.CONTINUE);
        assertThat(settings.readAccess()).isFalse();
        assertThat(settings.maxFileBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(settings.alertRecipients()).extracting(Object::toString)
            .containsExactly("postmaster@example.test", "security@example.test");
        assertThat(settings.alerts()).containsExactly(
            new AlertRule("mass-expunge", AuditEventType.MESSAGES_EXPUNGED, 50, Duration.ofMinutes(10), true),
            new AlertRule("refused-logins", AuditEventType.LOGIN_REFUSED, 20, Duration.ofHours(1), false));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "<audit on-failure='drop'/>|shared-mailboxes.xml:3: <audit> on-failure 'drop' is invalid; accepted: defer, continue",
        "<audit node='a b'/>|node 'a b' is invalid",
        "<audit max-file-size='12'/>|max-file-size '12' is invalid; use a number followed by KB, MB or GB",
        "<audit max-file-size='0KB'/>|max-file-size '0KB' is too small",
        "<audit max-file-size='2GB'/>|max-file-size '2GB' is too large; use at most 1GB",
        "<audit read-access='yes'/>|read-access 'yes' is invalid; accepted: true, false",
        "<audit colour='red'/>|has an unknown attribute 'colour'",
        "<audit><rule/></audit>|<rule> is not allowed inside <audit>",
        "<audit directory=''/>|has an empty 'directory'",
        "<audit/><audit/>|appears more than once; configure the audit trail in one <audit>",
        "<audit><alerts/></audit>|<alerts> is missing the required attribute 'to'",
        "<audit><alerts to='not an address'/></audit>|<alerts> to ",
        "<audit><alerts to='a@example.test'><alert name='x' event='mail-eaten' more-than='1' within='1m'/></alerts></audit>"
            + "|event 'mail-eaten' is not an audit event type",
        "<audit><alerts to='a@example.test'><alert name='x' event='login-refused' more-than='-1' within='1m'/></alerts></audit>"
            + "|more-than '-1' is invalid",
        "<audit><alerts to='a@example.test'><alert name='x' event='login-refused' more-than='1' within='10 minutes'/></alerts></audit>"
            + "|within '10 minutes' is invalid; use a positive number followed by s, m, h or d",
        "<audit><alerts to='a@example.test'><alert name='x' event='login-refused' more-than='1' within='0m'/></alerts></audit>"
            + "|within '0m' is invalid",
        "<audit><alerts to='a@example.test'><alert name='Bad Name' event='login-refused' more-than='1' within='1m'/></alerts></audit>"
            + "|name 'Bad Name' is invalid",
        "<audit><alerts to='a@example.test'><alert name='x' event='login-refused' more-than='1' within='1m'/>"
            + "<alert name='x' event='send-refused' more-than='1' within='1m'/></alerts></audit>|name 'x' is used twice",
    })
    void invalidAuditElementShouldBeRefusedWithLineAndReason(String audit, String expected) {
        assertThatThrownBy(() -> parse("  " + audit + "\n"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessageContaining("shared-mailboxes.xml")
            .hasMessageContaining(expected);
    }
}
