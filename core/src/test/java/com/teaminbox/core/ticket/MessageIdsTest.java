package com.teaminbox.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

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
}
