package com.teaminbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.retention.RetentionHold;
import com.teaminbox.core.retention.RetentionPolicy;
import com.teaminbox.core.retention.RetentionSettings;
import com.teaminbox.core.sla.SlaSettings;
import com.teaminbox.core.sla.SlaTarget;

/** The demo's shared-mailboxes.xml is valid for our parser and for the XSD we ship beside it. */
class DemoConfigurationTest {
    private static final String FULL_EXAMPLE = "<shared-mailboxes>\n"
        + "  <roles><role name=\"agent\" rights=\"lrswt\" send=\"send-on-behalf\"/></roles>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" display-name=\"Support\"\n"
        + "                  ticket-format=\"[{prefix} #{number}]\" forged-tags=\"remove\">\n"
        + "    <folder name=\"Clients/ACME\"/>\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <outgoing-subjects mode=\"reject\"><project prefix=\"ACME\"/></outgoing-subjects>\n"
        + "    <member address=\"erin@example.test\" role=\"agent\"><folder name=\"Junk\" role=\"none\"/></member>\n"
        + "    <vague-subjects keyword=\"$ATrier\"><subject text=\"salut\"/></vague-subjects>\n"
        + "    <rules language=\"fr\" body-prefix-chars=\"4096\">\n"
        + "      <rule name=\"all\" when=\"subject:x\" mode=\"audit\"><file-into folder=\"Clients/ACME\"/><flag name=\"\\Seen\"/>"
        + "<keyword name=\"$K\"/><assign member=\"alice@example.test\" notify=\"true\"/><set-header name=\"X-A\" value=\"1\"/>"
        + "<remove-header name=\"X-B\"/><junk/><notify address=\"boss@example.test\"/><autoresponse template=\"billing\"/><stop/></rule>\n"
        + "    </rules>\n"
        + "    <acknowledgement display-name=\"Support\" per-sender-daily-cap=\"5\" response-time=\"4 hours\" language=\"en\">\n"
        + "      <business-hours time-zone=\"Europe/Paris\">\n"
        + "        <day name=\"monday\" open=\"09:00\" close=\"24:00\"/>\n"
        + "        <holiday date=\"2026-12-25\"/>\n"
        + "      </business-hours>\n"
        + "      <template kind=\"ack\" language=\"en\" text=\"acknowledgements/support-en.txt\" html=\"acknowledgements/support-en.html\"/>\n"
        + "      <template kind=\"billing\" text=\"acknowledgements/sales-en.txt\"/>\n"
        + "    </acknowledgement>\n"
        + "    <retention minimum-age=\"7d\" every=\"12h\">\n"
        + "      <folder name=\"Junk\" delete-after=\"30d\"/>\n"
        + "      <folder name=\"INBOX\" move-after=\"90d\" to=\"Archive/{year}/{month}\" when-flag=\"\\Answered\"/>\n"
        + "      <folder name=\"Clients/ACME\" move-after=\"52w\" to=\"Archive/ACME/{year}\" when-flag=\"$Done\"/>\n"
        + "      <hold keyword=\"$Hold\" reason=\"legal hold\"/>\n"
        + "      <hold sender=\"counsel@lawfirm.test\"/>\n"
        + "      <hold domain=\"lawfirm.test\"/>\n"
        + "      <hold ticket=\"SUP-12\"/>\n"
        + "      <hold all=\"true\" reason=\"litigation\"/>\n"
        + "    </retention>\n"
        + "    <sla calendar=\"business-hours\" warn-at=\"75%\">\n"
        + "      <policy name=\"all\" rule=\"all\" first-response=\"1h\" next-response=\"90m\" resolution=\"8h\" warn-at=\"50\">\n"
        + "        <on-warning><flag name=\"\\Flagged\"/><keyword name=\"$SlaWarning\"/><notify-assignee/></on-warning>\n"
        + "        <on-breach><assign member=\"alice@example.test\" notify=\"true\"/><notify address=\"boss@example.test\"/></on-breach>\n"
        + "      </policy>\n"
        + "      <policy name=\"standard\" first-response=\"4h\"/>\n"
        + "    </sla>\n"
        + "    <reports><weekly-digest to=\"alice@example.test, lead@example.test\" day=\"monday\" time=\"08:00\" time-zone=\"Europe/Paris\"/></reports>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";

    private static Validator validator() throws SAXException {
        URL schema = DemoConfigurationTest.class.getResource("/demo/conf/shared-mailboxes.xsd");
        return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(schema).newValidator();
    }

    /** Reads templates from the demo's conf/ as shipped in the build, the way James reads them from conf/. */
    private static SharedMailboxesConfigurationParser parser() {
        return new SharedMailboxesConfigurationParser(path -> {
            try (InputStream template = DemoConfigurationTest.class.getResourceAsStream("/demo/conf/" + path)) {
                if (template == null) {
                    throw new FileNotFoundException(path);
                }
                return new String(template.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
    }

    @Test
    void demoConfigurationShouldParse() throws Exception {
        try (InputStream demo = getClass().getResourceAsStream("/demo/conf/shared-mailboxes.xml")) {
            SharedMailboxesConfiguration configuration = parser().parse(demo, "shared-mailboxes.xml");

            assertThat(configuration.sharedMailboxes()).extracting(mailbox -> mailbox.address().asString())
                .containsExactly("support@example.test", "sales@example.test");
            assertThat(configuration.sharedMailboxes()).allSatisfy(mailbox -> assertThat(mailbox.acknowledgement()).isPresent());
        }
    }

    @Test
    void demoSlaShouldAnswerUrgentTicketsInOneBusinessHourAndOthersInFour() throws Exception {
        try (InputStream demo = getClass().getResourceAsStream("/demo/conf/shared-mailboxes.xml")) {
            SlaSettings sla = parser().parse(demo, "shared-mailboxes.xml").sharedMailboxes().get(0).sla();

            assertThat(sla.policyFor(Set.of("urgent")).flatMap(policy -> policy.target(SlaTarget.FIRST_RESPONSE))).contains(Duration.ofHours(1));
            assertThat(sla.policyFor(Set.of()).flatMap(policy -> policy.target(SlaTarget.FIRST_RESPONSE))).contains(Duration.ofHours(4));
        }
    }

    @Test
    void demoRetentionShouldDeleteOldJunkArchiveAnsweredMailAndHoldOnKeyword() throws Exception {
        try (InputStream demo = getClass().getResourceAsStream("/demo/conf/shared-mailboxes.xml")) {
            RetentionSettings retention = parser().parse(demo, "shared-mailboxes.xml").sharedMailboxes().get(0).retention();

            assertThat(retention.policies()).extracting(RetentionPolicy::describe).containsExactly(
                "Junk delete-after=30d", "INBOX move-after=90d to=Archive/{year}/{month} when-flag=\\Answered");
            assertThat(retention.holds()).extracting(RetentionHold::describe).containsExactly("keyword=$Hold (legal hold)");
        }
    }

    @Test
    void demoConfigurationShouldValidateAgainstTheSchema() throws Exception {
        try (InputStream demo = getClass().getResourceAsStream("/demo/conf/shared-mailboxes.xml")) {
            validator().validate(new StreamSource(demo));
        }
    }

    @Test
    void everyElementWeParseShouldBeInTheSchema() throws Exception {
        parser().parse(new java.io.ByteArrayInputStream(FULL_EXAMPLE.getBytes()), "example.xml");

        validator().validate(new StreamSource(new StringReader(FULL_EXAMPLE)));
    }

    @Test
    void everyDemoFileShouldBeCopiedIntoConf() {
        assertThat(DemoHome.CONFIGURATION_FILES).filteredOn(name -> name.startsWith("acknowledgements/"))
            .allSatisfy(name -> assertThat(DemoConfigurationTest.class.getResource("/demo/conf/" + name)).isNotNull())
            .hasSize(7);
    }

    @Test
    void schemaShouldRefuseAnUnknownElementToo() {
        assertThatThrownBy(() -> validator().validate(new StreamSource(new StringReader(
            "<shared-mailboxes><shared-mailbox address=\"a@b.c\" ticket-prefix=\"SUP\"><owner/></shared-mailbox></shared-mailboxes>"))))
            .isInstanceOf(SAXException.class);
    }
}
