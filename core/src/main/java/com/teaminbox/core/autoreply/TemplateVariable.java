package com.teaminbox.core.autoreply;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The placeholders a template may use, written {@code {{ticket}}}; see docs/autoresponses.md. */
public enum TemplateVariable {
    TICKET("ticket", "the ticket, SUP-12"),
    SUBJECT("subject", "the customer's subject, without our tag"),
    CUSTOMER_NAME("customer_name", "the customer's display name, or the address when there is none"),
    CUSTOMER_ADDRESS("customer_address", "the customer's address"),
    MAILBOX_NAME("mailbox_name", "the shared mailbox's display name"),
    MAILBOX_ADDRESS("mailbox_address", "the shared mailbox's address"),
    RESPONSE_TIME("response_time", "the configured expected response time, such as '1 business day'"),
    NEXT_OPENING("next_opening", "the next business opening, such as 'Monday 5 January 2026 09:00 (Europe/Paris)'");

    private final String placeholderName;
    private final String description;

    TemplateVariable(String placeholderName, String description) {
        this.placeholderName = placeholderName;
        this.description = description;
    }

    public String placeholderName() {
        return placeholderName;
    }

    public String description() {
        return description;
    }

    public static Optional<TemplateVariable> fromPlaceholderName(String name) {
        return Arrays.stream(values()).filter(variable -> variable.placeholderName.equals(name)).findFirst();
    }

    static String acceptedNames() {
        return Arrays.stream(values()).map(TemplateVariable::placeholderName).collect(Collectors.joining(", "));
    }
}
