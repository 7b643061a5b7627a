package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageIdsTest {
    @Test
    void inReplyToShouldComeFirstThenReferencesNewestFirst() {
        assertThat(MessageIds.referencedBy(Optional.of("<c@x>"), Optional.of("<a@x> <b@x>\r\n <c@x>")))
            .containsExactly("<c@x>", "<b@x>", "<a@x>");
    }

    @Test
    void missingHeadersShouldGiveNothing() {
        assertThat(MessageIds.referencedBy(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(MessageIds.referencedBy(Optional.of("not an id"), Optional.of(""))).isEmpty();
    }

    @Test
    void longThreadsShouldBeBounded() {
        String references = IntStream.range(0, 500).mapToObj(index -> "<m" + index + "@x>").collect(Collectors.joining(" "));

        assertThat(MessageIds.referencedBy(Optional.empty(), Optional.of(references)))
            .hasSize(MessageIds.MAX_LOOKED_UP)
            .startsWith("<m499@x>");
    }

    /** What {@link MessageIds#MESSAGE_ID_PATTERN}'s find() gives, which the scan replaces: the odd cases around it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "<a@x>|<a@x>",
        "\"  <a@x> (client)\"|<a@x>",
        "<<a@x>|<a@x>",
        "<a@x>>|<a@x>",
        "<a b@x> <c@x>|<c@x>",
        "<>|",
        "<a@x|",
        "<a@x\u000B> <d@x>|<d@x>",
        "<a@x\u00A0>|<a@x\u00A0>",
        "a@x|",
    })
    void firstShouldFindWhatTheBracketExpressionFinds(String header, String expected) {
        assertThat(MessageIds.first(header)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void anIdentifierShouldHoldAtMostTwoHundredFiftyCharacters() {
        String longest = "<" + "a".repeat(250) + ">";
        String tooLong = "<" + "a".repeat(251) + ">";

        assertThat(MessageIds.first(longest)).contains(longest);
        assertThat(MessageIds.first(tooLong)).isEmpty();
        assertThat(MessageIds.referencedBy(Optional.of(tooLong + " " + longest), Optional.empty())).containsExactly(longest);
    }
}
