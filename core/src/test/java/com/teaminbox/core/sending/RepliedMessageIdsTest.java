package com.teaminbox.core.sending;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RepliedMessageIdsTest {
    @Test
    void inReplyToShouldComeFirstThenReferencesNewestFirst() {
        assertThat(RepliedMessageIds.of(Optional.of("<c@x>"), Optional.of("<a@x> <b@x>\r\n <c@x>")))
            .containsExactly("<c@x>", "<b@x>", "<a@x>");
    }

    @Test
    void referencesAloneShouldBeUsedWhenInReplyToIsMissing() {
        assertThat(RepliedMessageIds.of(Optional.empty(), Optional.of("<a@x> <b@x>"))).containsExactly("<b@x>", "<a@x>");
    }

    @Test
    void textAroundIdsShouldBeIgnored() {
        // RFC 2822 obsolete form: In-Reply-To with a phrase, as some old clients write it.
        assertThat(RepliedMessageIds.of(Optional.of("Your message of Monday <a@x> (comment)"), Optional.empty()))
            .containsExactly("<a@x>");
    }

    @Test
    void headersWithoutIdsShouldGiveNothing() {
        assertThat(RepliedMessageIds.of(Optional.of("no id here"), Optional.of("< > <>"))).isEmpty();
        assertThat(RepliedMessageIds.of(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void longThreadsShouldKeepTheNewestIdsOnly() {
        String references = IntStream.rangeClosed(1, 100).mapToObj(index -> "<" + index + "@x>").collect(Collectors.joining(" "));

        assertThat(RepliedMessageIds.of(Optional.empty(), Optional.of(references)))
            .hasSize(RepliedMessageIds.MAX_IDS)
            .startsWith("<100@x>", "<99@x>");
    }
}
