package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.teaminbox.core.autoreply.AcknowledgementSettings;
import com.teaminbox.core.autoreply.IncomingText;
import com.teaminbox.core.autoreply.ResponseTemplate;
import com.teaminbox.core.autoreply.Template;
import com.teaminbox.core.autoreply.TemplateVariable;
import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.xml.TemplateFiles;

class AcknowledgementParsingTest {
    private static final String FILE = "shared-mailboxes.xml";
    private static final Map<String, String> TEMPLATES = Map.of(
        "acks/en.txt", "Hello {{customer_name}},\nticket {{ticket}}.\n",
        "acks/en.html", "<p>Hello {{customer_name}}</p>",
        "acks/fr.txt", "Bonjour {{customer_name}},\nticket {{ticket}}.\n",
        "acks/ooh-en.txt", "We open {{next_opening}}.\n",
        "acks/bad.txt", "Hello\n{{customer_name}}\nyour {{tickte}}\n");

    private static TemplateFiles files() {
        return path -> Optional.ofNullable(TEMPLATES.get(path)).orElseThrow(() -> new FileNotFoundException(path));
    }

    private static SharedMailboxesConfiguration parse(String acknowledgement) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" display-name=\"Support\">\n"
            + acknowledgement
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
        return new SharedMailboxesConfigurationParser(files())
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), FILE);
    }

    private static AcknowledgementSettings settings(String acknowledgement) {
        return parse(acknowledgement).sharedMailboxes().get(0).acknowledgement().orElseThrow();
    }

    @Test
    void fullAcknowledgementShouldBeRead() {
        AcknowledgementSettings settings = settings(
            "    <acknowledgement display-name=\"Example Support\" per-sender-daily-cap=\"3\" response-time=\"2 hours\">\n"
                + "      <business-hours time-zone=\"Europe/Paris\">\n"
                + "        <day name=\"Monday\" open=\"09:00\" close=\"18:00\"/>\n"
                + "        <day name=\"friday\" open=\"09:00\" close=\"24:00\"/>\n"
                + "        <holiday date=\"2026-12-25\"/>\n"
                + "      </business-hours>\n"
                + "      <template kind=\"ack\" language=\"en\" text=\"acks/en.txt\" html=\"acks/en.html\"/>\n"
                + "      <template kind=\"ack\" language=\"FR\" text=\"acks/fr.txt\"/>\n"
                + "      <template kind=\"out-of-hours\" text=\"acks/ooh-en.txt\"/>\n"
                + "    </acknowledgement>\n");

        assertThat(settings.displayName()).contains("Example Support");
        assertThat(settings.perSenderDailyCap()).isEqualTo(3);
        assertThat(settings.responseTime()).isEqualTo("2 hours");
        assertThat(settings.templates()).extracting(ResponseTemplate::toString)
            .containsExactly("ack/en (text+html)", "ack/fr (text)", "out-of-hours/en (text)");
        assertThat(settings.businessHours().isOpen(Instant.parse("2026-11-30T10:00:00Z"))).isTrue();
        assertThat(settings.businessHours().isOpen(Instant.parse("2026-12-25T10:00:00Z"))).isFalse();
        assertThat(settings.templates().get(0).text().render(Map.of(TemplateVariable.CUSTOMER_NAME, "Jane"),
            Template.Escaping.PLAIN_TEXT, IncomingText.VERBATIM)).startsWith("Hello Jane,");
    }

    @Test
    void defaultsShouldApplyWhenAttributesAreOmitted() {
        AcknowledgementSettings settings = settings("<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>\n");

        assertThat(settings.perSenderDailyCap()).isEqualTo(AcknowledgementSettings.DEFAULT_PER_SENDER_DAILY_CAP);
        assertThat(settings.responseTime()).isEqualTo("1 business day");
        assertThat(settings.displayName()).isEmpty();
        assertThat(settings.businessHours().isOpen(Instant.parse("2026-11-28T03:00:00Z"))).isTrue();
    }

    @Test
    void templatesShouldDefangIncomingTextUnlessTheyOptIn() {
        AcknowledgementSettings settings = settings("<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/>"
            + "<template kind=\"billing\" text=\"acks/en.txt\" incoming-text=\"verbatim\"/>"
            + "<template kind=\"sales\" text=\"acks/en.txt\" incoming-text=\" defanged \"/></acknowledgement>\n");

        assertThat(settings.templates()).extracting(ResponseTemplate::incomingText)
            .containsExactly(IncomingText.DEFANGED, IncomingText.VERBATIM, IncomingText.DEFANGED);
    }

    @Test
    void mailboxWithoutAcknowledgementShouldHaveNone() {
        assertThat(parse("").sharedMailboxes().get(0).acknowledgement()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "<acknowledgement per-sender-daily-cap=\"0\"><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <acknowledgement> per-sender-daily-cap '0' is invalid; use a whole number from 1 to 1000",
        "<acknowledgement per-sender-daily-cap=\"ten\"><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <acknowledgement> per-sender-daily-cap 'ten' is invalid; use a whole number from 1 to 1000",
        "<acknowledgement delay=\"1\"><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3:28: <acknowledgement> has an unknown attribute 'delay'; accepted: display-name, per-sender-daily-cap, response-time, language",
        "<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/><vacation/></acknowledgement>"
            + "|shared-mailboxes.xml:3:70: <vacation> is not allowed inside <acknowledgement> here; expected: <template>",
        "<acknowledgement><template kind=\"billing\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <acknowledgement> has no <template kind=\"ack\">; it is sent for every new ticket",
        "<acknowledgement><template kind=\"ack\" text=\"acks/missing.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <template> template 'acks/missing.txt' cannot be read: acks/missing.txt",
        "<acknowledgement><template kind=\"ack\" text=\"acks/bad.txt\"/></acknowledgement>"
            + "|acks/bad.txt:3: <template> unknown variable '{{tickte}}'; accepted: ticket, subject, customer_name, customer_address, mailbox_name, mailbox_address, response_time, next_opening (referenced at shared-mailboxes.xml:3)",
        "<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/><template kind=\"Ack!\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <template> kind 'Ack!' is invalid; use ack, out-of-hours, or a name of lower-case letters, digits and '-'",
        "<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/><template kind=\"ack\" language=\"en\" text=\"acks/fr.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <template> kind 'ack' in language 'en' is already declared at line 3",
        "<acknowledgement><template kind=\"ack\" language=\"fr\" text=\"acks/fr.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <acknowledgement> template kind 'ack' has no variant in the default language 'en'; add one or change language=",
        "<acknowledgement language=\"english!\"><template kind=\"ack\" language=\"en\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <acknowledgement> language 'english!' is not a language tag such as en or fr-CA",
        "<acknowledgement><business-hours time-zone=\"Mars/Olympus\"/><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <business-hours> time-zone 'Mars/Olympus' is not a time zone; use a region such as Europe/Paris",
        "<acknowledgement><business-hours time-zone=\"UTC\"><day name=\"moonday\" open=\"09:00\" close=\"18:00\"/></business-hours><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <day> name 'moonday' is not a day; accepted: monday, tuesday, wednesday, thursday, friday, saturday, sunday",
        "<acknowledgement><business-hours time-zone=\"UTC\"><day name=\"monday\" open=\"9h\" close=\"18:00\"/></business-hours><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <day> open '9h' is not a time; use HH:MM from 00:00 to 24:00",
        "<acknowledgement><business-hours time-zone=\"UTC\"><day name=\"monday\" open=\"18:00\" close=\"09:00\"/></business-hours><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <day> opens at 18:00 but closes at 09:00; open must be before close",
        "<acknowledgement><business-hours time-zone=\"UTC\"><day name=\"monday\" open=\"09:00\" close=\"12:00\"/><day name=\"monday\" open=\"14:00\" close=\"18:00\"/></business-hours><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <day> name 'monday' is declared twice; one span per day",
        "<acknowledgement><business-hours time-zone=\"UTC\"><holiday date=\"25/12/2026\"/></business-hours><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <holiday> date '25/12/2026' is not a date; use YYYY-MM-DD such as 2026-12-25",
        "<acknowledgement><business-hours/><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3:35: <business-hours> is missing the required attribute 'time-zone'",
        "<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\" incoming-text=\"raw\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <template> incoming-text 'raw' is invalid; accepted: defanged, verbatim",
        "<acknowledgement display-name=\"x&#10;Bcc: y\"><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>"
            + "|shared-mailboxes.xml:3: <acknowledgement> display-name is longer than 100 characters or contains control characters"})
    void invalidAcknowledgementShouldBeRefusedWithFileLineAndReason(String acknowledgement, String message) {
        assertThatThrownBy(() -> parse(acknowledgement + "\n"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage("Invalid shared-mailbox configuration: " + message);
    }

    @Test
    void secondAcknowledgementShouldBeRefused() {
        assertThatThrownBy(() -> parse("<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>\n"
            + "<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement>\n"))
            .hasMessage("Invalid shared-mailbox configuration: shared-mailboxes.xml:4: <acknowledgement> appears more than once in this shared mailbox");
    }

    @Test
    void templatesShouldBeReadRelativeToTheConfigurationFile(@TempDir Path conf) throws IOException {
        Files.createDirectories(conf.resolve("acks"));
        Files.writeString(conf.resolve("acks/en.txt"), "Ticket {{ticket}}\n");
        Path file = conf.resolve(FILE);
        Files.writeString(file, "<shared-mailboxes><shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">"
            + "<acknowledgement><template kind=\"ack\" text=\"acks/en.txt\"/></acknowledgement></shared-mailbox></shared-mailboxes>");

        SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser().parse(file);

        assertThat(configuration.sharedMailboxes().get(0).acknowledgement().orElseThrow().templates()).hasSize(1);
    }

    @Test
    void templateOutsideTheConfigurationDirectoryShouldBeRefused(@TempDir Path conf) throws IOException {
        Path file = conf.resolve(FILE);
        Files.writeString(file, "<shared-mailboxes><shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">"
            + "<acknowledgement><template kind=\"ack\" text=\"../../etc/passwd\"/></acknowledgement></shared-mailbox></shared-mailboxes>");

        assertThatThrownBy(() -> new SharedMailboxesConfigurationParser().parse(file))
            .hasMessageStartingWith("Invalid shared-mailbox configuration: shared-mailboxes.xml:1: <template> template '../../etc/passwd' cannot be read: must be a path inside ");
    }

    @Test
    void everyProblemShouldBeReportedTogether() {
        assertThatThrownBy(() -> parse("<acknowledgement per-sender-daily-cap=\"-1\"><template kind=\"ack\" text=\"acks/bad.txt\"/></acknowledgement>\n"))
            .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).extracting(ConfigurationProblem::toString)
                .containsExactly(List.of(
                    "shared-mailboxes.xml:3: <acknowledgement> per-sender-daily-cap '-1' is invalid; use a whole number from 1 to 1000",
                    "acks/bad.txt:3: <template> unknown variable '{{tickte}}'; accepted: ticket, subject, customer_name, customer_address, "
                        + "mailbox_name, mailbox_address, response_time, next_opening (referenced at shared-mailboxes.xml:3)").toArray(String[]::new)));
    }
}
