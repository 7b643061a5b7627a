package com.teaminbox.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;

class SentByMemberTest {
    private static SentByMember matcher(String condition) throws MessagingException {
        return Configurations.initialised(new SentByMember(Configurations.demo()), "SentByMember", condition);
    }

    private static FakeMail sentBy(String authenticatedUser) throws MessagingException {
        FakeMail.Builder mail = FakeMail.builder().name("m").sender("alice@example.test").recipients("jane@customer.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Re: [SUP-1] Printer").setText("Fixed"));
        if (authenticatedUser != null) {
            mail.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(authenticatedUser)));
        }
        return mail.build();
    }

    @Test
    void matchShouldReturnEveryRecipientOfMailAMemberSentAfterAuth() throws Exception {
        assertThat(matcher(null).match(sentBy("alice@example.test"))).hasSize(1);
        assertThat(matcher("support@example.test").match(sentBy("alice@example.test"))).hasSize(1);
    }

    @Test
    void matchShouldReturnNothingForAMemberOfAnotherMailbox() throws Exception {
        assertThat(matcher("support@example.test").match(sentBy("bob@example.test"))).isEmpty();
        assertThat(matcher(null).match(sentBy("bob@example.test"))).hasSize(1);
    }

    @Test
    void matchShouldNotTrustTheEnvelopeSenderWithoutAuth() throws Exception {
        assertThat(matcher(null).match(sentBy(null))).isEmpty();
    }

    @Test
    void matchShouldReturnNothingForAnAuthenticatedNonMember() throws Exception {
        assertThat(matcher(null).match(sentBy("dave@example.test"))).isEmpty();
    }

    @Test
    void matcherInfoShouldSayWhichMembers() throws Exception {
        assertThat(matcher(null).getMatcherInfo()).contains("any shared mailbox");
        assertThat(matcher("support@example.test").getMatcherInfo()).contains("support@example.test");
    }
}
