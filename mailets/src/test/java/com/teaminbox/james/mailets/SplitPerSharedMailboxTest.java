package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.common.SharedMailboxRecipients;

class SplitPerSharedMailboxTest {
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

    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final SplitPerSharedMailbox mailet = new SplitPerSharedMailbox(ConfigurationFixture.configuration(TWO_MAILBOXES));

    @BeforeEach
    void init() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("SplitPerSharedMailbox").mailetContext(context).build());
    }

    @Test
    void mailToTwoSharedMailboxesShouldBecomeOneMailEachSoEachGetsItsOwnTicket() throws Exception {
        Mail mail = mail("support@example.test", "sales@example.test", "dave@example.test");

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactlyInAnyOrder(new MailAddress("support@example.test"), new MailAddress("dave@example.test"));
        assertThat(context.getSentMails()).singleElement()
            .satisfies(sent -> assertThat(sent.getRecipients()).containsExactly(new MailAddress("sales@example.test")));
    }

    @Test
    void mailToOneSharedMailboxShouldBeLeftWhole() throws Exception {
        Mail mail = mail("support@example.test", "dave@example.test");

        mailet.service(mail);

        assertThat(mail.getRecipients()).hasSize(2);
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void copiesShouldGoToTheProcessorTheAdministratorNamed() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("SplitPerSharedMailbox").mailetContext(context)
            .setProperty("processor", "tickets").build());

        mailet.service(mail("support@example.test", "sales@example.test"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getState()).isEqualTo("tickets"));
    }

    @Test
    void copiesShouldGoBackToThisProcessorByDefault() throws Exception {
        mailet.service(mail("support@example.test", "sales@example.test"));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getState()).isEqualTo(Mail.DEFAULT));
    }

    @Test
    void mailLeftToOneSharedMailboxShouldCarryItsGroupForTheMailetsAfter() throws Exception {
        Mail mail = mail("support@example.test", "sales@example.test");

        mailet.service(mail);

        SharedMailboxesConfiguration configuration = ConfigurationFixture.configuration(TWO_MAILBOXES).current();
        assertThat(mail.getAttribute(SharedMailboxRecipients.ATTRIBUTE)).isPresent();
        assertThat(SharedMailboxRecipients.group(configuration, mail))
            .containsExactly(entry(configuration.find(address("support@example.test")).orElseThrow(),
                List.of(address("support@example.test"))));
    }

    @Test
    void mailKeepingARecipientThatIsNoSharedMailboxShouldCarryNoGroup() throws Exception {
        Mail mail = mail("support@example.test", "dave@example.test");

        mailet.service(mail);

        assertThat(mail.getAttribute(SharedMailboxRecipients.ATTRIBUTE)).isEmpty();
    }

    @Test
    void blankProcessorShouldBeRefused() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("SplitPerSharedMailbox").mailetContext(context)
                .setProperty("processor", " ").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContainingAll("SplitPerSharedMailbox", "<processor>", "a processor name");
    }

    @Test
    void unknownParameterShouldBeRefusedNamingWhatIsAccepted() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("SplitPerSharedMailbox").mailetContext(context)
                .setProperty("state", "tickets").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mailet SplitPerSharedMailbox (com.teaminbox.james.mailets.SplitPerSharedMailbox): parameter <state> = 'tickets': "
                + "unknown parameter; accepted: processor");
    }

    @Test
    void mailetInfoShouldSayWhatItDoes() {
        assertThat(mailet.getMailetInfo()).isNotBlank();
    }

    private static Mail mail(String... recipients) throws Exception {
        return FakeMail.builder()
            .name("incoming")
            .state(Mail.DEFAULT)
            .sender("jane@customer.test")
            .recipients(List.of(recipients).stream().map(SplitPerSharedMailboxTest::address).toList())
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
