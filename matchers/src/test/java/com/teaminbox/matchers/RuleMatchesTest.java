package com.teaminbox.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import javax.mail.MessagingException;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuleMatchesTest {
    private RuleMatches matcher;

    private RuleMatches matcher(String condition) throws MessagingException {
        matcher = Configurations.initialised(new RuleMatches(Configurations.demo(), Clock.systemUTC()), "RuleMatches", condition);
        return matcher;
    }

    @AfterEach
    void closeRules() {
        if (matcher != null) {
            matcher.destroy();
        }
    }

    @Test
    void matchShouldReturnEveryRecipientWhenTheRuleConditionMatches() throws Exception {
        var mail = Configurations.mail("URGENT: printer on fire");

        assertThat(matcher("support@example.test:urgent").match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldReturnNothingWhenTheRuleConditionDoesNotMatch() throws Exception {
        assertThat(matcher("support@example.test:urgent").match(Configurations.mail("Printer"))).isEmpty();
    }

    @Test
    void aRuleInAuditModeShouldMatchToo() throws Exception {
        var mail = Configurations.mail(MimeMessageBuilder.mimeMessageBuilder().setSubject("Status").setText("Major outage since 9"));

        assertThat(matcher("support@example.test:watch").match(mail)).isNotEmpty();
    }

    @Test
    void anUnknownRuleShouldMatchNothing() throws Exception {
        assertThat(matcher("support@example.test:billing").match(Configurations.mail("URGENT"))).isEmpty();
    }

    @Test
    void initShouldRefuseAConditionWithoutRuleName() {
        assertThatThrownBy(() -> matcher("support@example.test")).isInstanceOf(MessagingException.class)
            .hasMessage("RuleMatches needs a shared mailbox and a rule name, as in RuleMatches=support@example.test:urgent; "
                + "got 'support@example.test'");
        assertThatThrownBy(() -> matcher("support:urgent")).isInstanceOf(MessagingException.class)
            .hasMessageStartingWith("RuleMatches=support: 'support' is not a mail address");
    }

    @Test
    void matcherInfoShouldNameTheRuleAndMailbox() throws Exception {
        assertThat(matcher("support@example.test:urgent").getMatcherInfo()).contains("'urgent'", "support@example.test");
    }
}
