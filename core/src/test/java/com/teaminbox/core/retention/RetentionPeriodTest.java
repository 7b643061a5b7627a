package com.teaminbox.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetentionPeriodTest {
    @Test
    void everyUnitShouldBeRead() {
        assertThat(RetentionPeriod.of("15m").duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(RetentionPeriod.of("12h").duration()).isEqualTo(Duration.ofHours(12));
        assertThat(RetentionPeriod.of("30d").duration()).isEqualTo(Duration.ofDays(30));
        assertThat(RetentionPeriod.of("2w").duration()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void surroundingSpacesShouldBeAcceptedAndTheTextKept() {
        assertThat(RetentionPeriod.of(" 30d ").toString()).isEqualTo("30d");
    }

    @Test
    void zeroShouldBeAcceptedAsAPeriod() {
        // Deliberately accepted: "minimum-age=0d" says there is no floor; it is refused only where a floor is needed (every).
        assertThat(RetentionPeriod.of("0d").duration()).isZero();
    }

    @Test
    void periodsShouldCompareByDuration() {
        assertThat(RetentionPeriod.of("1w")).isEqualTo(RetentionPeriod.of("7d"));
        assertThat(RetentionPeriod.of("23h")).isLessThan(RetentionPeriod.of("1d"));
    }

    @Test
    void limitShouldBeAcceptedAtAndRefusedOver() {
        assertThat(RetentionPeriod.of("36500d").duration()).isEqualTo(Duration.ofDays(36_500));
        assertThatThrownBy(() -> RetentionPeriod.of("36501d"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'36501d' is longer than 36500 days");
        assertThatThrownBy(() -> RetentionPeriod.of("5215w")).hasMessage("'5215w' is longer than 36500 days");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "d", "30D", "30 d", "-1d", "1.5d", "30days", "1y", "1000000000d", "P30D"})
    void malformedPeriodsShouldBeRefusedWithTheAcceptedSyntax(String text) {
        assertThatThrownBy(() -> RetentionPeriod.of(text))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'" + text + "' is not a period; write a whole number and a unit: m (minutes), h (hours), d (days) or w (weeks), as in 30d");
    }
}
