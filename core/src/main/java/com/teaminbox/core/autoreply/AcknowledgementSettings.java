package com.teaminbox.core.autoreply;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How a shared mailbox acknowledges new tickets:
 * <pre>{@code
 * <acknowledgement display-name="Example Support" per-sender-daily-cap="10" response-time="1 business day" language="en">
 *   <business-hours time-zone="Europe/Paris"> <day name="monday" open="09:00" close="18:00"/> </business-hours>
 *   <template kind="ack" language="en" text="acks/support-en.txt" html="acks/support-en.html"/>
 *   <template kind="out-of-hours" language="en" text="acks/support-ooh-en.txt"/>
 * </acknowledgement>
 * }</pre>
 * Every kind has a variant in the default {@code language}; the parser checks it.
 */
public record AcknowledgementSettings(Optional<String> displayName, int perSenderDailyCap, String responseTime,
                                      String defaultLanguage, BusinessHours businessHours, List<ResponseTemplate> templates) {
    public static final int DEFAULT_PER_SENDER_DAILY_CAP = 10;
    public static final String DEFAULT_RESPONSE_TIME = "1 business day";
    public static final String DEFAULT_LANGUAGE = "en";

    public AcknowledgementSettings {
        if (perSenderDailyCap < 1) {
            throw new IllegalArgumentException("per-sender-daily-cap must be at least 1, got " + perSenderDailyCap);
        }
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(responseTime, "responseTime");
        Objects.requireNonNull(defaultLanguage, "defaultLanguage");
        Objects.requireNonNull(businessHours, "businessHours");
        templates = List.copyOf(templates);
    }

    /**
     * The template to send: the requested kind (a rule's choice) when it exists, else
     * {@code out-of-hours} when closed and configured, else {@code ack}; in the first of the
     * preferred languages that has a variant, else in the default language.
     */
    public Optional<ResponseTemplate> choose(Optional<String> requestedKind, Instant now, List<String> preferredLanguages) {
        String kind = requestedKind.filter(this::hasKind)
            .orElseGet(() -> !businessHours.isOpen(now) && hasKind(ResponseTemplate.OUT_OF_HOURS)
                ? ResponseTemplate.OUT_OF_HOURS : ResponseTemplate.ACK);
        for (String language : preferredLanguages) {
            Optional<ResponseTemplate> match = variant(kind, language);
            if (match.isPresent()) {
                return match;
            }
        }
        return variant(kind, defaultLanguage);
    }

    public boolean hasKind(String kind) {
        return templates.stream().anyMatch(template -> template.kind().equals(kind));
    }

    /** Exact language first ({@code fr-CA}), then its primary subtag ({@code fr}). */
    private Optional<ResponseTemplate> variant(String kind, String language) {
        String wanted = language.toLowerCase(Locale.ROOT);
        String primary = wanted.contains("-") ? wanted.substring(0, wanted.indexOf('-')) : wanted;
        return templates.stream().filter(template -> template.kind().equals(kind))
            .filter(template -> template.language().equals(wanted)).findFirst()
            .or(() -> templates.stream().filter(template -> template.kind().equals(kind))
                .filter(template -> template.language().equals(primary)).findFirst());
    }

    @Override
    public String toString() {
        return "Acknowledgement[cap " + perSenderDailyCap + "/day, " + templates + "]";
    }
}
