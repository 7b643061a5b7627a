package com.teaminbox.core.sla;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One lifecycle fact as one header value of the SLA ledger, so that one ledger message can hold
 * the facts of a burst (docs/sla.md):
 * <pre>
 * X-Sla-Entry: ticket=SUP-12 kind=rule-matched at=2026-12-07T09:00:00.123Z actor=system detail=urgent
 * </pre>
 * Each value is URL-encoded ({@code %40} for {@code @}, {@code +} for a space), so that a value never
 * holds a space, a CR or an LF; fields are separated by whitespace, so that a header a mail store
 * folded reads the same. {@code actor} and {@code detail} are left out when empty. Unknown fields
 * are skipped (a later version may add some); a value missing {@code ticket}, a known {@code kind} or
 * a valid {@code at} is not a fact.
 */
public final class LedgerEntries {
    public static final String HEADER = "X-Sla-Entry";

    private LedgerEntries() {
    }

    public static String write(TicketFact fact) {
        StringBuilder entry = new StringBuilder()
            .append("ticket=").append(encode(fact.ticket()))
            .append(" kind=").append(fact.kind().wireName())
            .append(" at=").append(fact.at());
        if (!fact.actor().isEmpty()) {
            entry.append(" actor=").append(encode(fact.actor()));
        }
        if (!fact.detail().isEmpty()) {
            entry.append(" detail=").append(encode(fact.detail()));
        }
        return entry.toString();
    }

    public static Optional<TicketFact> read(String value) {
        Map<String, String> fields = new HashMap<>();
        for (String field : value.strip().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals > 0) {
                try {
                    fields.putIfAbsent(field.substring(0, equals), URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a broken %-escape: not one of ours
                    return Optional.empty();
                }
            }
        }
        Optional<TicketFact.Kind> kind = Optional.ofNullable(fields.get("kind")).flatMap(TicketFact.Kind::fromWireName);
        String ticket = fields.get("ticket");
        String at = fields.get("at");
        if (kind.isEmpty() || ticket == null || ticket.isEmpty() || at == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TicketFact(ticket, kind.get(), Instant.parse(at), fields.getOrDefault("actor", ""),
                fields.getOrDefault("detail", "")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
