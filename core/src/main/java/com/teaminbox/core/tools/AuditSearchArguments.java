package com.teaminbox.core.tools;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.AuditQuery;

/**
 * The arguments of {@code audit search <dir> [--since ISO] [--until ISO] [--actor NAME]
 * [--type TYPE] [--ticket T] [--mailbox ADDR] [--page N] [--page-size N]}. A time is an
 * ISO-8601 instant ({@code 2026-11-27T09:00:00Z}) or a day ({@code 2026-11-27}, its UTC midnight).
 */
final class AuditSearchArguments {
    private final Path directory;
    private final AuditQuery query;

    private AuditSearchArguments(Path directory, AuditQuery query) {
        this.directory = directory;
        this.query = query;
    }

    /** @throws IllegalArgumentException with a message for the user */
    static AuditSearchArguments parse(List<String> arguments) {
        if (arguments.isEmpty() || arguments.get(0).startsWith("--")) {
            throw new IllegalArgumentException("search needs the audit directory first");
        }
        AuditQuery.Builder query = AuditQuery.builder();
        for (int index = 1; index < arguments.size(); index += 2) {
            String option = arguments.get(index);
            if (index + 1 >= arguments.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = arguments.get(index + 1);
            switch (option) {
                case "--since" -> query.since(time(option, value));
                case "--until" -> query.until(time(option, value));
                case "--actor" -> query.actor(value);
                case "--type" -> query.type(type(value));
                case "--ticket" -> query.ticket(value);
                case "--mailbox" -> query.mailbox(value);
                case "--page" -> query.page(number(option, value));
                case "--page-size" -> query.pageSize(number(option, value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new AuditSearchArguments(Path.of(arguments.get(0)), query.build());
    }

    private static Instant time(String option, String value) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + value + ": expected an instant like 2026-11-27T09:00:00Z or a day like 2026-11-27");
        }
    }

    private static AuditEventType type(String value) {
        return AuditEventType.fromWireName(value).orElseThrow(() -> new IllegalArgumentException("unknown type " + value
            + "; known types: " + Arrays.stream(AuditEventType.values()).map(AuditEventType::wireName).collect(Collectors.joining(", "))));
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + value + ": expected a whole number");
        }
    }

    Path directory() {
        return directory;
    }

    AuditQuery query() {
        return query;
    }
}
