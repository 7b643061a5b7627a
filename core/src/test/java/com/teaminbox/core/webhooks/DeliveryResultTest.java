package com.teaminbox.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeliveryResultTest {
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    @ParameterizedTest
    @CsvSource({"200, DELIVERED", "201, DELIVERED", "204, DELIVERED", "299, DELIVERED", "410, DISABLE_ENDPOINT", "429, RETRY", "500, RETRY",
        "503, RETRY", "301, RETRY", "302, RETRY", "400, RETRY", "404, RETRY", "408, RETRY"})
    void statusShouldDecideWhatHappensNext(int status, DeliveryResult.Verdict verdict) {
        assertThat(DeliveryResult.response(status, Optional.empty(), NOW).verdict()).isEqualTo(verdict);
    }

    @Test
    void noResponseShouldBeTriedAgain() {
        assertThat(DeliveryResult.noResponse("timeout").verdict()).isEqualTo(DeliveryResult.Verdict.RETRY);
    }

    @Test
    void retryAfterShouldBeReadInSecondsOrAsAnHttpDate() {
        assertThat(DeliveryResult.retryAfter("120", NOW)).hasValue(Duration.ofMinutes(2));
        assertThat(DeliveryResult.retryAfter("Sun, 06 Dec 2026 08:05:00 GMT", NOW)).hasValue(Duration.ofMinutes(5));
        assertThat(DeliveryResult.retryAfter("Sun, 06 Dec 2026 07:00:00 GMT", NOW)).hasValue(Duration.ZERO);
        assertThat(DeliveryResult.retryAfter("soon", NOW)).isEmpty();
        assertThat(DeliveryResult.retryAfter("-5", NOW)).isEmpty();
    }
}
