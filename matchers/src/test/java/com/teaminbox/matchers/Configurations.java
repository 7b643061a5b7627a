package com.teaminbox.matchers;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;

/** The configurations and mails the matchers' contract tests share. */
final class Configurations {
    static final String SUPPORT = "support@example.test";
    static final String SALES = "sales@example.test";

    private Configurations() {
    }

    /** support@ (SUP, rules urgent and watch, open Monday 09:00-17:00 in Paris) with alice; sales@ (SAL) with bob. */
    static ConfigurationInForce demo() {
        SharedMailboxesConfiguration configuration = new SharedMailboxesConfigurationParser(path -> "Thank you.")
            .parse(new ByteArrayInputStream(("<shared-mailboxes>\n"
                + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
                + "    <rules>\n"
                + "      <rule name=\"urgent\" when=\"subject:urgent\"><flag name=\"\\Flagged\"/></rule>\n"
                + "      <rule name=\"watch\" when=\"body:outage\" mode=\"audit\"><keyword name=\"$Outage\"/></rule>\n"
                + "    </rules>\n"
                + "    <acknowledgement>\n"
                + "      <business-hours time-zone=\"Europe/Paris\"><day name=\"monday\" open=\"09:00\" close=\"17:00\"/></business-hours>\n"
                + "      <template kind=\"ack\" text=\"ack.txt\"/>\n"
                + "    </acknowledgement>\n"
                + "  </shared-mailbox>\n"
                + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SAL\" ticket-format=\"#{prefix}-{number}\">\n"
                + "    <member address=\"bob@example.test\" role=\"full\"/>\n"
                + "  </shared-mailbox>\n"
                + "</shared-mailboxes>\n").getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml");
        return () -> configuration;
    }

    static <T extends Matcher> T initialised(T matcher, String name, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(name).condition(condition)
            .mailetContext(FakeMailContext.defaultContext()).build());
        return matcher;
    }

    static FakeMail mail(String subject) throws MessagingException {
        return mail(MimeMessageBuilder.mimeMessageBuilder().setSubject(subject).setText("Hello"));
    }

    static FakeMail mail(MimeMessageBuilder message) throws MessagingException {
        return FakeMail.builder().name("mail").sender("jane@customer.test").recipients(SUPPORT, "carol@example.test")
            .mimeMessage(message).build();
    }
}
