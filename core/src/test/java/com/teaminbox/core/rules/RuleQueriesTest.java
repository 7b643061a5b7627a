package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RuleQueriesTest {
    @ParameterizedTest
    @ValueSource(strings = {"subject:invoice", "subject:(invoice OR facture) AND NOT from:vendor@x.test", "header.x-priority:1",
        "size:[1000 TO *]", "hour:{8 TO 18}", "day:saturday OR day:sunday", "attachment:pdf", "body:\"call me\"", "urgen*", "to:support@example.test", "header.x-spam-flag:*"})
    void validQueriesShouldParse(String query) {
        assertThat(RuleQueries.parse(query, RuleLanguage.ENGLISH)).isNotNull();
    }

    @Test
    void syntaxErrorShouldNameThePosition() {
        assertThatThrownBy(() -> RuleQueries.parse("subject:(invoice OR", RuleLanguage.ENGLISH))
            .hasMessageStartingWith("query 'subject:(invoice OR' is invalid: Cannot parse")
            .hasMessageContaining("column");
    }

    @Test
    void unknownFieldShouldBeRefused() {
        assertThatThrownBy(() -> RuleQueries.parse("subjet:invoice", RuleLanguage.ENGLISH))
            .hasMessageContaining("unknown field 'subjet'");
    }

    @Test
    void numberFieldShouldRefuseWords() {
        assertThatThrownBy(() -> RuleQueries.parse("size:[big TO *]", RuleLanguage.ENGLISH))
            .hasMessageContaining("field 'size' takes a whole number, not 'big'");
    }
}
