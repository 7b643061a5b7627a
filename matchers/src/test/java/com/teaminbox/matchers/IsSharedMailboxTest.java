package com.teaminbox.matchers;

import static com.teaminbox.matchers.Configurations.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class IsSharedMailboxTest {
    @Test
    void matchShouldReturnOnlyTheRecipientsThatAreSharedMailboxes() throws Exception {
        IsSharedMailbox matcher = Configurations.initialised(new IsSharedMailbox(Configurations.demo()), "IsSharedMailbox", null);

        assertThat(matcher.match(Configurations.mail("Printer"))).containsExactly(new MailAddress(SUPPORT));
    }

    @Test
    void matchShouldReturnNothingWithoutASharedMailboxAmongTheRecipients() throws Exception {
        IsSharedMailbox matcher = Configurations.initialised(new IsSharedMailbox(Configurations.demo()), "IsSharedMailbox", null);

        assertThat(matcher.match(org.apache.mailet.base.test.FakeMail.builder().name("m").recipients("dave@example.test")
            .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder().setText("x")).build())).isEmpty();
    }

    @Test
    void matcherInfoShouldSayWhatItMatches() throws Exception {
        assertThat(new IsSharedMailbox(Configurations.demo()).getMatcherInfo()).contains("shared mailboxes");
    }
}
