package com.teaminbox.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.junit.jupiter.api.Test;

class HasTicketTagTest {
    private static HasTicketTag matcher(String condition) throws MessagingException {
        return Configurations.initialised(new HasTicketTag(Configurations.demo()), "HasTicketTag", condition);
    }

    @Test
    void matchShouldReturnEveryRecipientWhenTheSubjectCarriesATagOfThatMailbox() throws Exception {
        var mail = Configurations.mail("Re: [SUP-1042] Printer");

        assertThat(matcher("support@example.test").match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldReadTheMailboxsOwnTagFormat() throws Exception {
        assertThat(matcher("sales@example.test").match(Configurations.mail("Re: #SAL-7 Quote"))).isNotEmpty();
        assertThat(matcher("sales@example.test").match(Configurations.mail("Re: [SAL-7] Quote"))).isEmpty();
    }

    @Test
    void matchShouldReturnNothingForAnotherMailboxsTag() throws Exception {
        assertThat(matcher("support@example.test").match(Configurations.mail("Re: #SAL-7 Quote"))).isEmpty();
    }

    @Test
    void matchShouldReturnNothingForAMailboxNoLongerConfigured() throws Exception {
        assertThat(matcher("help@example.test").match(Configurations.mail("Re: [SUP-1] Printer"))).isEmpty();
    }

    @Test
    void initShouldRefuseAMissingOrMalformedAddress() {
        assertThatThrownBy(() -> matcher(null)).isInstanceOf(MessagingException.class)
            .hasMessage("HasTicketTag needs the address of a shared mailbox, as in HasTicketTag=support@example.test");
        assertThatThrownBy(() -> matcher("support")).isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("HasTicketTag=support: 'support' is not a mail address");
    }

    @Test
    void matcherInfoShouldNameTheMailbox() throws Exception {
        assertThat(matcher("support@example.test").getMatcherInfo()).contains("support@example.test");
    }
}
