package com.teaminbox.core.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinearPatternTest {
    private static boolean finds(LinearPattern pattern, String text) {
        LinearPattern.Scan scan = pattern.scan();
        text.chars().forEach(c -> scan.feed((char) c));
        return scan.found();
    }

    @Test
    void patternShouldBeFoundAnywhereInTheText() {
        LinearPattern pattern = LinearPattern.compile("PROJ-[0-9]{4}", false);

        assertThat(finds(pattern, "see PROJ-1234 tomorrow")).isTrue();
        assertThat(finds(pattern, "see PROJ-12 tomorrow")).isFalse();
    }

    @Test
    void caseInsensitivePatternShouldIgnoreAsciiCase() {
        assertThat(finds(LinearPattern.compile("password: *[^ ]+", true), "Your PASSWORD: hunter2")).isTrue();
        assertThat(finds(LinearPattern.compile("password: *[^ ]+", false), "Your PASSWORD: hunter2")).isFalse();
    }

    @Test
    void shorthandClassesShouldBeAccepted() {
        assertThat(finds(LinearPattern.compile("\\d{3}-\\d{2}-\\d{4}", false), "SSN 078-05-1120")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "(a+)+b;repeats a group that itself repeats",
        "(a*)*;repeats a group that itself repeats",
        "(x+x+)+y;repeats a group that itself repeats",
        "((ab)*c)+;repeats a group that itself repeats",
        "(\\w+\\s?)*$;repeats a group that itself repeats",
        "(a)\\1;back-reference",
        "(?=a)b;look-around",
        "(a|b)*a(a|b){40};larger automaton",
        "a{0,};matches the empty text",
        "[a-;not a valid pattern"})
    void hostilePatternsShouldBeRefusedWithTheReason(String source, String reason) {
        assertThatThrownBy(() -> LinearPattern.compile(source, false))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(reason);
    }

    @Test
    void boundedRepetitionOfAGroupShouldBeAccepted() {
        assertThat(finds(LinearPattern.compile("(\\d{1,3}\\.){3}\\d{1,3}", false), "host 10.0.0.1 down")).isTrue();
    }

    @Test
    void aHostileTextShouldCostLinearWork() {
        LinearPattern pattern = LinearPattern.compile("a+b", false);
        String text = "a".repeat(5_000_000);

        assertThat(finds(pattern, text)).isFalse();
    }
}
