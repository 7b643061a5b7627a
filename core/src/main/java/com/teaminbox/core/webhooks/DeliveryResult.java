package com.teaminbox.core.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What one try gave, and what it means (Standard Webhooks, "Retry schedule"): any 2xx is a
 * success; 410 Gone says the receiver wants no more and disables the endpoint; 429, 5xx, 408,
 * a timeout or a refused connection is tried again; anything else (a redirect, which is not
 * followed, 400, 401, 404...) is tried again too, since a misconfigured receiver is usually
 * fixed within the retry window, and the endpoint is disabled when the window ends.
 *
 * @param status     the HTTP status; empty when no response came (timeout, connection refused)
 * @param problem    a short description for the delivery list: {@code 503}, {@code timeout}...
 * @param retryAfter the receiver's {@code Retry-After}, when it sent one
 */
public record DeliveryResult(Optional<Integer> status, String problem, Optional<Duration> retryAfter) {
    /** What the dispatcher does next. */
    public enum Verdict {
        DELIVERED, RETRY, DISABLE_ENDPOINT
    }

    public static DeliveryResult response(int status, Optional<String> retryAfterHeader, Instant now) {
        return new DeliveryResult(Optional.of(status), Integer.toString(status), retryAfterHeader.flatMap(value -> retryAfter(value, now)));
    }

    public static DeliveryResult noResponse(String problem) {
        return new DeliveryResult(Optional.empty(), problem, Optional.empty());
    }

    public Verdict verdict() {
        if (status.isEmpty()) {
            return Verdict.RETRY;
        }
        int code = status.get();
        if (code >= 200 && code < 300) {
            return Verdict.DELIVERED;
        }
        if (code == 410) {
            return Verdict.DISABLE_ENDPOINT;
        }
        return Verdict.RETRY;
    }

    /** RFC 9110 section 10.2.3: a number of seconds or an HTTP date; anything else is ignored. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String text = value.strip();
        if (text.matches("[0-9]{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
