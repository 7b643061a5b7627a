package com.teaminbox.core.autoreply;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The placeholders a template may use, written {@code {{ticket}}}; see docs/autoresponses.md. */
public enum TemplateVariable {
    TICKET("ticket", "the ticket, SUP-12", false),
    SUBJECT("subject", "the customer's subject, without our tag", true),
    CUSTOMER_NAME("customer_name", "the customer's display name, or the address when there is none", true),
    CUSTOMER_ADDRESS("customer_address", "the customer's address", true),
    MAILBOX_NAME("mailbox_name", "the shared mailbox's display name", false),
    MAILBOX_ADDRESS("mailbox_address", "the shared mailbox's address", false),
    RESPONSE_TIME("response_time", "the configured expected response time, such as '1 business day'", false),
    NEXT_OPENING("next_opening", "the next business opening, such as 'Monday 5 January 2026 09:00 (Europe/Paris)'", false);

    private final String placeholderName;
    private final String description;
    private final boolean incoming;

    TemplateVariable(String placeholderName, String description, boolean incoming) {
        this.placeholderName = placeholderName;
        this.description = description;
        this.incoming = incoming;
    }

    public String placeholderName() {
        return placeholderName;
    }

    public String description() {
        return description;
    }

    /**
     * True for text copied from the mail being answered, which anyone can write: the template's
     * {@link IncomingText} policy applies to it.
     */
    public boolean incoming() {
        return incoming;
    }

    public static Optional<TemplateVariable> fromPlaceholderName(String name) {
        return Arrays.stream(values()).filter(variable -> variable.placeholderName.equals(name)).findFirst();
    }

    static String acceptedNames() {
        return Arrays.stream(values()).map(TemplateVariable::placeholderName).collect(Collectors.joining(", "));
    }
}
