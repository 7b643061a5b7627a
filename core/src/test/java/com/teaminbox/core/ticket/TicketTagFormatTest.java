package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketTagFormatTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{prefix}-{number}]|[SUP-1042]",
        "[{prefix} #{number}]|[SUP #1042]",
        "{prefix}#{number}|SUP#1042",
        "(Ticket {prefix}/{number})|(Ticket SUP/1042)",
        "#{number} ({prefix})|#1042 (SUP)",
        "{number}-{prefix}|1042-SUP",
    })
    void tagShouldFollowTheTemplate(String template, String expected) {
        assertThat(TicketTagFormat.of(template).tag(TicketId.of(SUP, 1042))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{prefix} #{number}]|Re: [SUP #7] Printer|7",
        "[{prefix} #{number}]|Re: [sup #7] lower case|7",
        "{prefix}#{number}|Re: SUP#12 Printer|12",
        "(Ticket {prefix}/{number})|(ticket sup/3) x|3",
    })
    void tagsShouldBeFoundWithTheSameTemplate(String template, String subject, long number) {
        assertThat(TicketTagFormat.of(template).findAll(subject, SUP)).containsExactly(TicketId.of(SUP, number));
    }

    @Test
    void templateStartingWithThePrefixShouldNotMatchInsideAWord() {
        assertThat(TicketTagFormat.of("{prefix}#{number}").findAll("XSUP#12 and SUP#13", SUP)).containsExactly(TicketId.of(SUP, 13));
    }

    @Test
    void longerDigitRunsShouldNotBeReadAsOurNumber() {
        assertThat(TicketTagFormat.of("{prefix}#{number}").findAll("SUP#1234567890123456789", SUP)).isEmpty();
    }

    @Test
    void everyOccurrenceShouldBeFoundInOrder() {
        assertThat(TicketTagFormat.DEFAULT.findAll("[SUP-2] x [SUP-1] [SUP-2]", SUP))
            .containsExactly(TicketId.of(SUP, 2), TicketId.of(SUP, 1), TicketId.of(SUP, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{number}]", "[{prefix}]", "[{prefix}-{number}-{number}]", "[{prefix}{number}]",
        "[{prefix}-{number}-{other}]", "[{prefix}-{number}] and a very long text beyond forty characters", "\r\n{prefix}-{number}"})
    void invalidTemplatesShouldBeRefused(String template) {
        assertThatThrownBy(() -> TicketTagFormat.of(template)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ticket format");
    }
}
