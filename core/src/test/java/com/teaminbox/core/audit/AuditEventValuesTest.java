package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditEventValuesTest {
    @Test
    void controlCharactersShouldBecomeQuestionMarks() {
        assertThat(AuditEvent.bounded("hi\r\nBcc: x@evil\u0000\u007f\tend")).isEqualTo("hi??Bcc: x@evil???end");
    }

    @Test
    void aValueWithoutControlCharactersShouldBeKeptAsItIs() {
        String value = "Re: [SUP-3] Printer – café";

        assertThat(AuditEvent.bounded(value)).isSameAs(value);
    }

    @Test
    void aLongValueShouldBeCutAtTheLimit() {
        assertThat(AuditEvent.bounded("x".repeat(AuditEvent.MAX_VALUE_LENGTH + 1)))
            .isEqualTo("x".repeat(AuditEvent.MAX_VALUE_LENGTH) + "...");
    }
}
