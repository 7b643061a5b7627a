package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.ConfigurationFixture;

/** The view reads the mail once, and never answers with what the mail no longer says. */
class MailViewTest {
    private static final String SUPPORT_XML = ConfigurationFixture.support("", "");

    private static Mail mail() throws Exception {
        return FakeMail.builder().name("mail1")
            .recipients(new MailAddress("support@example.test"))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Printer broken").addHeader("Message-ID", "<1@customer.test>")
                .setText("hello"))
            .build();
    }

    @Test
    void headerShouldBeReadOnceUntilAPartChangesIt() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        assertThat(view.header("Message-ID")).contains("<1@customer.test>");

        mail.getMessage().setHeader("Message-ID", "<2@customer.test>");
        assertThat(view.header("message-id")).as("read once, whatever the case of its name").contains("<1@customer.test>");

        view.headerChanged("MESSAGE-ID");
        assertThat(view.header("Message-ID")).contains("<2@customer.test>");
    }

    @Test
    void subjectShouldBeReadAgainOnceAPartChangedIt() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        assertThat(view.subject()).isEqualTo("Printer broken");

        mail.getMessage().setSubject("[SUP-1] Printer broken");
        view.headerChanged("Subject");

        assertThat(view.subject()).isEqualTo("[SUP-1] Printer broken");
    }

    @Test
    void aSubjectWrittenAsItIsShouldBeKeptUntilTheHeadersOrTheMessageChange() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        view.subject();
        mail.getMessage().setSubject("[SUP-1] Printer broken");
        view.subjectWritten("[SUP-1] Printer broken");
        mail.getMessage().setSubject("what the message says now");
        assertThat(view.subject()).as("kept as written").isEqualTo("[SUP-1] Printer broken");

        view.headersChanged();
        assertThat(view.subject()).as("a rule's header edits").isEqualTo("what the message says now");

        view.subjectWritten("[SUP-1] Printer broken");
        mail.setMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("a new message").setText("hello").build());
        assertThat(view.subject()).as("a new message on the mail").isEqualTo("a new message");
    }

    @Test
    void aSubjectJavaMailEncodesShouldBeReadFromTheMessage() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        view.subject();
        mail.getMessage().setSubject("[SUP-1] caf\u00e9", "UTF-8");
        mail.getMessage().setHeader("Subject", "=?UTF-8?Q?=5BSUP-1=5D_caf=C3=A9_read?=");

        view.subjectWritten("[SUP-1] caf\u00e9");

        assertThat(view.subject()).isEqualTo("[SUP-1] caf\u00e9 read");
    }

    @Test
    void headersChangedShouldForgetEveryHeaderAndTheSubject() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        view.subject();
        view.header("Message-ID");
        view.header("X-Rule");

        mail.getMessage().setHeader("X-Rule", "set");
        mail.getMessage().setSubject("Rewritten");
        view.headersChanged();

        assertThat(view.header("X-Rule")).contains("set");
        assertThat(view.subject()).isEqualTo("Rewritten");
    }

    @Test
    void newMessageOnTheMailShouldForgetWhatWasReadOfTheOld() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        view.subject();

        view.header("Message-ID");

        mail.setMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Another").addHeader("Message-ID", "<3@customer.test>")
            .setText("hi").build());

        assertThat(view.subject()).isEqualTo("Another");
        assertThat(view.header("Message-ID")).contains("<3@customer.test>");
    }

    @Test
    void groupingShouldBeReusedUnderTheSameConfigurationAndRecipients() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        SharedMailboxesConfiguration configuration = ConfigurationFixture.configuration(SUPPORT_XML).current();

        assertThat(view.groups(configuration)).isSameAs(view.groups(configuration)).hasSize(1);
    }

    @Test
    void groupingShouldBeMadeAgainWhenTheRecipientsChanged() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        SharedMailboxesConfiguration configuration = ConfigurationFixture.configuration(SUPPORT_XML).current();
        assertThat(view.groups(configuration)).hasSize(1);

        mail.setRecipients(List.of(new MailAddress("bob@example.test")));

        assertThat(view.groups(configuration)).isEmpty();
    }

    @Test
    void groupingShouldBeMadeAgainUnderAReloadedConfiguration() throws Exception {
        Mail mail = mail();
        MailView view = MailView.of(mail);
        assertThat(view.groups(ConfigurationFixture.configuration(SUPPORT_XML).current())).hasSize(1);

        SharedMailboxesConfiguration withoutSupport = ConfigurationFixture.configuration("<shared-mailboxes/>").current();

        assertThat(view.groups(withoutSupport)).isEmpty();
    }
}
