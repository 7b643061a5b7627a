package com.teaminbox.james.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownMessageIdsTest {
    /** As a Message-ID header may write it, and as In-Reply-To/References quote it: one key. */
    @ParameterizedTest
    @ValueSource(strings = {"<abc@example.test>", " <abc@example.test> ", "<abc@example.test> (Jane's client)",
        "(comment) <abc@example.test>", "abc@example.test", "\r\n <abc@example.test>"})
    void everyWritingOfOneIdentifierShouldBeTheSameKey(String headerValue) {
        assertThat(KnownMessageIds.normalized(headerValue)).isEqualTo("<abc@example.test>");
    }
}
