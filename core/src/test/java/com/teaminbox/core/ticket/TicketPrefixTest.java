package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TicketPrefixTest {
    @ParameterizedTest
    @ValueSource(strings = {"SUP", "SA", "SAL2026", "ABCDEFGHIJ"})
    void plainUpperCasePrefixesShouldBeAccepted(String value) {
        assertThat(TicketPrefix.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "S", "sup", "Sup", "1SUP", "SUP-1", "SU P", "ABCDEFGHIJK", "SÜP", "SUP]"})
    void otherPrefixesShouldBeRefusedWithTheValueEchoed(String value) {
        assertThatThrownBy(() -> TicketPrefix.of(value))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + value + "'");
    }
}
