package com.teaminbox.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ReplyThreadingTest {
    @Test
    void replyShouldPointToTheParentAndAppendItToItsReferences() {
        ReplyThreading threading = ReplyThreading.replyTo(Optional.of("<c@x>"), Optional.of("<a@x>\r\n <b@x>"), Optional.of("<b@x>"));

        assertThat(threading.inReplyTo()).contains("<c@x>");
        assertThat(threading.references()).contains("<a@x> <b@x> <c@x>");
    }

    @Test
    void parentWithoutReferencesShouldUseItsSingleInReplyTo() {
        assertThat(ReplyThreading.replyTo(Optional.of("<c@x>"), Optional.empty(), Optional.of("<b@x>")).references())
            .contains("<b@x> <c@x>");
    }

    @Test
    void parentWithoutMessageIdShouldGiveNoInReplyTo() {
        ReplyThreading threading = ReplyThreading.replyTo(Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(threading.inReplyTo()).isEmpty();
        assertThat(threading.references()).isEmpty();
    }

    @Test
    void malformedIdentifiersShouldNotBeCopied() {
        ReplyThreading threading = ReplyThreading.replyTo(Optional.of("not-an-id\r\nBcc: x@evil.test"),
            Optional.of("<a@x> garbage <b\r\nc@x>"), Optional.empty());

        assertThat(threading.inReplyTo()).isEmpty();
        assertThat(threading.references()).contains("<a@x>");
    }

    @Test
    void longThreadsShouldKeepOnlyTheNewestReferences() {
        String references = IntStream.rangeClosed(1, 30).mapToObj(index -> "<" + index + "@x>").collect(Collectors.joining(" "));

        String kept = ReplyThreading.replyTo(Optional.of("<31@x>"), Optional.of(references), Optional.empty()).references().orElseThrow();

        assertThat(kept.split(" ")).hasSize(ReplyThreading.MAX_REFERENCES).startsWith("<12@x>").endsWith("<31@x>");
    }
}
