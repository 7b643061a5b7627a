package com.teaminbox.james.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.ConfigurationFixture;

class SharedMailboxRecipientsTest {
    private static final String TWO_MAILBOXES = """
        <shared-mailboxes>
          <shared-mailbox address="support@example.test" ticket-prefix="SUP">
            <member address="alice@example.test" role="full"/>
          </shared-mailbox>
          <shared-mailbox address="sales@example.test" ticket-prefix="SAL">
            <member address="bob@example.test" role="full"/>
          </shared-mailbox>
        </shared-mailboxes>
        """;

    private final SharedMailboxesConfiguration configuration = ConfigurationFixture.configuration(TWO_MAILBOXES).current();
    private final SharedMailbox support = configuration.find(address("support@example.test")).orElseThrow();
    private final SharedMailbox sales = configuration.find(address("sales@example.test")).orElseThrow();

    @Test
    void spellingShouldMatchExactlyTheAddressText() throws Exception {
        MailAddress quoted = new MailAddress("\"a b\"@example.test");
        for (String text : List.of("support@example.test", "Support@example.test", "support@example.tes", "support@example.test.",
            "supportexample.test", "support@@xample.test", "", "@example.test", "support@", quoted.asString())) {
            assertThat(SharedMailboxRecipients.spells(text, address("support@example.test"))).as(text)
                .isEqualTo(text.equals(address("support@example.test").asString()));
            assertThat(SharedMailboxRecipients.spells(text, quoted)).as(text).isEqualTo(text.equals(quoted.asString()));
        }
    }

    @Test
    void groupShouldBeTakenFromWhatWasRememberedWithoutGroupingAgain() throws Exception {
        // Remembered against what grouping would say, to show the remembered group is the one used.
        Mail mail = mail("sales@example.test");
        SharedMailboxRecipients.remember(mail, support, List.of(address("sales@example.test")));

        assertThat(SharedMailboxRecipients.group(configuration, mail)).containsExactly(entry(support, List.of(address("sales@example.test"))));
    }

    @Test
    void groupShouldBeComputedAgainWhenTheRecipientsChangedSinceItWasRemembered() throws Exception {
        Mail mail = mail("support@example.test");
        SharedMailboxRecipients.remember(mail, support, List.of(address("support@example.test")));
        mail.setRecipients(List.of(address("sales@example.test")));

        assertThat(SharedMailboxRecipients.group(configuration, mail)).containsExactly(entry(sales, List.of(address("sales@example.test"))));
    }

    @Test
    void groupShouldBeComputedAgainWhenTheConfigurationNoLongerHasTheRememberedMailbox() throws Exception {
        SharedMailboxesConfiguration reloaded = ConfigurationFixture.configuration("""
            <shared-mailboxes>
              <shared-mailbox address="sales@example.test" ticket-prefix="SAL">
                <member address="bob@example.test" role="full"/>
              </shared-mailbox>
            </shared-mailboxes>
            """).current();
        Mail mail = mail("support@example.test");
        SharedMailboxRecipients.remember(mail, support, List.of(address("support@example.test")));

        assertThat(SharedMailboxRecipients.group(reloaded, mail)).isEmpty();
    }

    @Test
    void groupShouldBeComputedWhenNothingWasRemembered() throws Exception {
        Mail mail = mail("support@example.test", "dave@example.test", "sales@example.test");

        assertThat(SharedMailboxRecipients.group(configuration, mail)).containsExactly(
            entry(support, List.of(address("support@example.test"))), entry(sales, List.of(address("sales@example.test"))));
    }

    private static Mail mail(String... recipients) throws Exception {
        return FakeMail.builder()
            .name("incoming")
            .sender("jane@customer.test")
            .recipients(List.of(recipients).stream().map(SharedMailboxRecipientsTest::address).toList())
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("jane@customer.test").setSubject("Hello").setText("Hello"))
            .build();
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
