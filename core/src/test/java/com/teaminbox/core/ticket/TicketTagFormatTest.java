package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;

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

    /** Tags are found without the expression: on random subjects, the same tags and the same removals as the pattern. */
    @ParameterizedTest
    @ValueSource(strings = {"[{prefix}-{number}]", "[{prefix} #{number}]", "{prefix}#{number}", "(Ticket {prefix}/{number})",
        "#{number} ({prefix})", "{number}-{prefix}", "{prefix}-{number}", "\u00e9{prefix}:{number}\u00c9", "k{prefix}-{number}K"})
    void tagsShouldBeFoundAndRemovedAsThePatternFindsThem(String template) {
        TicketTagFormat format = TicketTagFormat.of(template);
        String[] pieces = {"S", "U", "P", "s", "u", "p", "SUP", "sup", "[", "]", "-", "#", " ", "0", "1", "9", "42", "x", "\u00e9", "\u00c9",
            "/", "(", ")", "Ticket ", ":", "k", "K", "\u212a", "\u0661", "123456789012345678", "1234567890123456789", "[SUP-7]",
            format.tag(TicketId.of(SUP, 5)), format.tag(TicketId.of(SUP, 1_000_000))};
        Random random = new Random(18);
        for (int run = 0; run < 20_000; run++) {
            String text = RandomTexts.of(random, pieces, 8);
            Matcher matcher = format.pattern(SUP).matcher(text);
            List<TicketId> expected = new ArrayList<>();
            while (matcher.find()) {
                long number = Long.parseLong(matcher.group(1));
                if (number > 0) {
                    expected.add(TicketId.of(SUP, number));
                }
            }
            assertThat(format.findAll(text, SUP)).as("tags of '%s'", text).isEqualTo(expected);
            assertThat(format.withoutTags(text, SUP)).as("'%s' without tags", text).isEqualTo(format.pattern(SUP).matcher(text).replaceAll(""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{number}]", "[{prefix}]", "[{prefix}-{number}-{number}]", "[{prefix}{number}]",
        "[{prefix}-{number}-{other}]", "[{prefix}-{number}] and a very long text beyond forty characters", "\r\n{prefix}-{number}"})
    void invalidTemplatesShouldBeRefused(String template) {
        assertThatThrownBy(() -> TicketTagFormat.of(template)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("ticket format");
    }
}
