package com.teaminbox.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.mail.MessagingException;

import org.junit.jupiter.api.Test;

class InBusinessHoursTest {
    /** Monday 30 November 2026, 10:00 in Paris. */
    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-30T09:00:00Z");
    /** The same Monday, 18:00 in Paris. */
    private static final Instant MONDAY_EVENING = Instant.parse("2026-11-30T17:00:00Z");

    private static InBusinessHours matcher(String condition, Instant now) throws MessagingException {
        return Configurations.initialised(new InBusinessHours(Configurations.demo(), Clock.fixed(now, ZoneOffset.UTC)),
            "InBusinessHours", condition);
    }

    @Test
    void matchShouldReturnEveryRecipientWhileTheMailboxIsOpen() throws Exception {
        var mail = Configurations.mail("Printer");

        assertThat(matcher("support@example.test", MONDAY_MORNING).match(mail)).containsExactlyInAnyOrderElementsOf(mail.getRecipients());
    }

    @Test
    void matchShouldReturnNothingOnceTheMailboxClosed() throws Exception {
        assertThat(matcher("support@example.test", MONDAY_EVENING).match(Configurations.mail("Printer"))).isEmpty();
    }

    @Test
    void aMailboxWithoutBusinessHoursShouldAlwaysBeOpen() throws Exception {
        assertThat(matcher("sales@example.test", MONDAY_EVENING).match(Configurations.mail("Quote"))).isNotEmpty();
    }

    @Test
    void initShouldRefuseAMissingAddress() {
        assertThatThrownBy(() -> matcher(" ", MONDAY_MORNING)).isInstanceOf(MessagingException.class)
            .hasMessage("InBusinessHours needs the address of a shared mailbox, as in InBusinessHours=support@example.test");
    }

    @Test
    void matcherInfoShouldNameTheMailbox() throws Exception {
        assertThat(matcher("support@example.test", MONDAY_MORNING).getMatcherInfo()).contains("support@example.test");
    }
}
