package com.teaminbox.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.ticket.TicketId;
import com.teaminbox.core.ticket.TicketPrefix;

class RulesTesterTest {
    private static final String CONFIGURATION = "<shared-mailboxes>\n"
        + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
        + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
        + "    <rules>\n"
        + "      <rule name=\"watch\" when=\"subject:invoice\"><notify address=\"boss@example.test\"/></rule>\n"
        + "    </rules>\n"
        + "  </shared-mailbox>\n"
        + "</shared-mailboxes>\n";
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");

    private final RulesTester tester = new RulesTester(new SharedMailboxesConfigurationParser()
        .parse(new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml"), Clock.systemUTC());

    private RulesPrediction predict(String headers, Function<List<String>, Optional<TicketId>> conversations) throws Exception {
        byte[] raw = ("From: jane@customer.test\r\nTo: support@example.test\r\n" + headers + "\r\n\r\nHello.\r\n").getBytes(StandardCharsets.ISO_8859_1);
        return tester.predict(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)), raw.length,
            Optional.of(new MailAddress("jane@customer.test")), new MailAddress("support@example.test"), conversations);
    }

    @Test
    void newTicketShouldShowItsNumberAsUnknownUntilTheServerChoseIt() throws Exception {
        RulesPrediction prediction = predict("Subject: Invoice 42", references -> Optional.empty());

        assertThat(prediction.subject()).isEqualTo("[SUP-?] Invoice 42");
        assertThat(prediction.subject(TicketId.of(SUP, 7))).isEqualTo("[SUP-7] Invoice 42");
        assertThat(prediction.delivery().orElseThrow().notifications()).singleElement().satisfies(notification -> {
            assertThat(prediction.notificationSubject(notification)).isEqualTo("[SUP-?] Rule matched: Invoice 42");
            assertThat(prediction.notificationSubject(notification, TicketId.of(SUP, 7))).isEqualTo("[SUP-7] Rule matched: Invoice 42");
        });
        assertThat(prediction.autoresponse()).isEqualTo(RulesPrediction.NO_ACKNOWLEDGEMENT);
    }

    @Test
    void replyShouldThreadByItsReferencesOnlyWhenTheCallerKnowsThem() throws Exception {
        String reply = "Subject: Re: invoice\r\nIn-Reply-To: <first@customer.test>";

        assertThat(predict(reply, references -> Optional.empty()).threadedTicket()).isEmpty();
        RulesPrediction known = predict(reply, references -> references.contains("<first@customer.test>")
            ? Optional.of(TicketId.of(SUP, 3)) : Optional.empty());
        assertThat(known.threadedTicket()).contains(TicketId.of(SUP, 3));
        assertThat(known.threadedByReferences()).isTrue();
        assertThat(known.subject()).isEqualTo("Re: [SUP-3] invoice");
    }

    @Test
    void vagueSubjectShouldGetTheTriageKeyword() throws Exception {
        assertThat(predict("Subject: Question", references -> Optional.empty()).flagsAndKeywords()).containsExactly("$Triage");
    }

    @Test
    void rawEightBitSubjectShouldBeSaidToBeUncertain() throws Exception {
        assertThat(predict("Subject: Probl\u00e8me", references -> Optional.empty()).rawEightBitSubject()).isTrue();
        assertThat(predict("Subject: =?UTF-8?Q?Probl=C3=A8me?=", references -> Optional.empty()).rawEightBitSubject()).isFalse();
    }
}
