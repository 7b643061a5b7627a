package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TicketIdTest {
    private static final TicketPrefix SUP = TicketPrefix.of("SUP");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SUP-1042|1042",
        "' SUP-7 '|7",
        "SUP-1|1",
        "SUP-000000000000000009|9",
        "SUP-999999999999999999|999999999999999999",
        // Character.isDigit and Long.parseLong read other scripts' digits alike: accepted, as always.
        "SUP-\u0661\u0662|12",
    })
    void ownHeaderValueShouldBeRead(String value, long number) {
        assertThat(TicketId.parse(value, SUP)).contains(TicketId.of(SUP, number));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "SUP", "SUP-", "SUP7", "SUPX-1", "SUP--1", "SUP-+1", "SUP--0", "SUP-0", "SUP-1x", "SUP-1 2", "sup-1", "SAL-1",
        "SUP-1000000000000000000", "XSUP-1", "SUP_1",
    })
    void anythingElseShouldReadAsNoTicket(String value) {
        assertThat(TicketId.parse(value, SUP)).isEmpty();
    }
}
