package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.mail.Flags;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.events.EventBus;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.server.core.MimeMessageInputStreamSource;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.common.KnownFolders;
import com.teaminbox.james.common.MessageHeaders;
import com.teaminbox.james.common.SharedAccounts;
import com.teaminbox.james.rules.CompiledRules;
import com.teaminbox.james.rules.RuleNotifications;

class ApplyRulesTest {
    private static final String RULES = """
        <rules>
          <rule name="urgent" when="subject:urgent">
            <keyword name="$Urgent"/>
          </rule>
        </rules>
        """;

    private final List<AuditEvent> recorded = new ArrayList<>();
    private ApplyRules mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = mailetWith(RULES);
    }

    private ApplyRules mailetWith(String rules) throws Exception {
        UsersRepository users = mock(UsersRepository.class);
        when(users.getUsername(any())).thenAnswer(invocation -> Username.of(invocation.<MailAddress>getArgument(0).asString()));
        ConfigurationInForce configuration = ConfigurationFixture.configuration(ConfigurationFixture.support("", rules));
        ApplyRules mailet = new ApplyRules(configuration, new CompiledRules(configuration), new RuleNotifications(), new SharedAccounts(users),
            Clock.fixed(Instant.parse("2030-01-09T12:00:00Z"), ZoneOffset.UTC), recorded::add, new KnownFolders(mock(MailboxManager.class), mock(EventBus.class)));
        mailet.init(FakeMailetConfig.builder().mailetName("ApplyRules").build());
        return mailet;
    }

    @Test
    void anyParameterShouldBeRefusedNamingTheMailetTheParameterAndItsValue() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("ApplyRules").setProperty("rules", "urgent").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContainingAll("ApplyRules", "<rules>", "'urgent'", "accepted: none");
    }

    @Test
    void matchingRuleShouldSetItsKeywordForTheSharedAccountAndBeAudited() throws Exception {
        Mail mail = mail("URGENT: printer on fire");

        mailet.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("support@example.test"), mail).getFlags())
            .hasValueSatisfying(flags -> assertThat(flags.contains("$Urgent")).isTrue());
        assertThat(recorded).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.RULE_MATCHED);
            assertThat(event.details()).containsEntry("rule", "urgent");
        });
    }

    @Test
    void mailNoRuleMatchesShouldGetNoStorageDirective() throws Exception {
        Mail mail = mail("Printer question");

        mailet.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("support@example.test"), mail).getFlags()).map(Flags::getUserFlags)
            .isEmpty();
        assertThat(recorded).isEmpty();
    }

    @Test
    void sizeRuleShouldCompareTheWholeMailHeadersIncluded() throws Exception {
        ApplyRules sized = mailetWith("""
            <rules>
              <rule name="big" when="size:[3000 TO *]">
                <keyword name="$Big"/>
              </rule>
            </rules>
            """);
        // a 5-byte body under 4 KB of headers, the size James reports for the whole mail
        String raw = "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: Printer question\r\nX-Padding: "
            + "x".repeat(4_000) + "\r\n\r\nHello";
        Mail mail = FakeMail.builder()
            .name("incoming")
            .sender("jane@customer.test")
            .recipient("support@example.test")
            .mimeMessage(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII))))
            .size(raw.length())
            .build();

        sized.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("support@example.test"), mail).getFlags())
            .hasValueSatisfying(flags -> assertThat(flags.contains("$Big")).isTrue());
    }

    @Test
    void mailetInfoShouldSayWhatItDoes() {
        assertThat(mailet.getMailetInfo()).isNotBlank();
    }

    @Test
    void headersEditedBeforeTheirSavingFailedShouldBeReadAfreshByTheNextPartOfTheOneStep() throws Exception {
        ApplyRules editing = mailetWith("""
            <rules>
              <rule name="mark" when="subject:urgent">
                <set-header name="X-Priority" value="1"/>
              </rule>
            </rules>
            """);
        MimeMessage failingToSave = new MimeMessage(Session.getDefaultInstance(new Properties())) {
            @Override
            public void saveChanges() {
                throw new IllegalStateException("the spooled message cannot be read again");
            }
        };
        failingToSave.setFrom("jane@customer.test");
        failingToSave.setSubject("urgent: printer");
        failingToSave.setText("Hello");
        Mail mail = FakeMail.builder().name("incoming").sender("jane@customer.test").recipient("support@example.test")
            .mimeMessage(failingToSave).build();
        MailView view = MailView.of(mail);
        assertThat(view.header("X-Priority")).as("read before the rules, as the ticket part may").isEmpty();

        assertThatThrownBy(() -> editing.serve(mail, view)).isInstanceOf(IllegalStateException.class);

        // under onMailetException="ignore" the acknowledgement part goes on with this view, as its own step would read the message
        assertThat(view.header("X-Priority")).contains("1");
    }

    @Test
    void rulesOnTheBodyShouldNotMakeJamesParseTheMessageAgainOnceTheTicketChangedItsSubject() throws Exception {
        ApplyRules onTheBody = mailetWith("""
            <rules>
              <rule name="fire" when="body:&quot;printer is on fire&quot; AND subject:&quot;[#T-1]&quot;">
                <keyword name="$Fire"/>
              </rule>
              <rule name="invoice" when="attachment:invoice*">
                <keyword name="$Invoice"/>
              </rule>
            </rules>
            """);
        String raw = "From: jane@customer.test\r\nTo: support@example.test\r\nSubject: Help\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Our printer is on fi=\r\nre again.\r\n"
            + "--b1\r\nContent-Type: application/pdf; name=\"invoice.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n"
            + "--b1--\r\n";
        int[] parses = new int[1];
        MimeMessageWrapper message = new MimeMessageWrapper(MimeMessageInputStreamSource.create("incoming",
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)))) {
            @Override
            public void loadMessage() throws MessagingException {
                parses[0]++;
                super.loadMessage();
            }
        };
        // what James's RemoveMimeHeader (transport processor) and AssignTicket do before the rules
        message.removeHeader("Bcc");
        message.setSubject("[#T-1] Help");
        MessageHeaders.saveHeaderChanges(message, "incoming");
        Mail mail = FakeMail.builder().name("incoming").sender("jane@customer.test").recipient("support@example.test")
            .mimeMessage(message).size(raw.length()).build();

        onTheBody.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("support@example.test"), mail).getFlags())
            .hasValueSatisfying(flags -> assertThat(flags.getUserFlags()).contains("$Fire", "$Invoice"));
        assertThat(parses[0]).as("times James parsed the whole message").isZero();
        message.dispose();
    }

    private static Mail mail(String subject) throws Exception {
        return FakeMail.builder()
            .name("incoming")
            .sender("jane@customer.test")
            .recipient("support@example.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().addFrom("jane@customer.test").addToRecipient("support@example.test")
                .setSubject(subject).setText("Hello"))
            .build();
    }
}
