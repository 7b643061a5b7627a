package com.teaminbox.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class IsAutomaticReplyTest {
    private static IsAutomaticReply matcher() throws MessagingException {
        return Configurations.initialised(new IsAutomaticReply(), "IsAutomaticReply", null);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "Auto-Submitted|auto-replied",
        "Auto-Submitted|AUTO-GENERATED (bot)",
        "Precedence|bulk",
        "List-Id|<team.lists.example.test>",
        "X-Auto-Response-Suppress|DR, OOF",
        "Content-Type|multipart/report; report-type=delivery-status; boundary=x"})
    void matchShouldReturnEveryRecipientOfMailAMachineSent(String header, String value) throws Exception {
        FakeMail mail = Configurations.mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Out of office").setText("Away")
            .addHeader(header, value));

        assertThat(matcher().match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldCatchTheNullReversePathThatJamesIsAutoSubmittedMisses() throws Exception {
        FakeMail mail = FakeMail.builder().name("bounce").sender(MaybeSender.nullSender()).recipients(Configurations.SUPPORT)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Undeliverable").setText("x")).build();

        assertThat(matcher().match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldCatchSystemSenders() throws Exception {
        FakeMail mail = FakeMail.builder().name("robot").sender("no-reply@shop.test").recipients(Configurations.SUPPORT)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Your order").setText("x")).build();

        assertThat(matcher().match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldReturnNothingForMailAPersonWrote() throws Exception {
        FakeMail mail = Configurations.mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Printer").setText("Broken")
            .addHeader("Auto-Submitted", "no"));

        assertThat(matcher().match(mail)).isEmpty();
    }

    @Test
    void initShouldRefuseACondition() {
        assertThatThrownBy(() -> Configurations.initialised(new IsAutomaticReply(), "IsAutomaticReply", "yes"))
            .isInstanceOf(MessagingException.class)
            .hasMessage("IsAutomaticReply takes no condition; remove '=yes'");
    }

    @Test
    void matcherInfoShouldCiteRfc3834() throws Exception {
        assertThat(matcher().getMatcherInfo()).contains("RFC 3834");
    }
}
