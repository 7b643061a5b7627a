package com.teaminbox.core.webhooks;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a webhook tells a receiver. The wire name is the payload's {@code type} and the word an
 * administrator lists in {@code <endpoint events="...">}: add types, never rename one
 * (docs/webhooks.md, docs/webhook-payload.schema.json).
 */
public enum WebhookEventType {
    TICKET_CREATED("ticket.created"),
    CUSTOMER_REPLIED("ticket.customer-replied"),
    MEMBER_REPLIED("ticket.member-replied"),
    ASSIGNED("ticket.assigned"),
    RESOLVED("ticket.resolved"),
    REOPENED("ticket.reopened"),
    SLA_WARNING("sla.warning"),
    SLA_BREACHED("sla.breached"),
    /** A rule with a {@code <webhook endpoint="..."/>} action matched: sent to that endpoint only. */
    RULE_MATCHED("rule.matched"),
    /** No acknowledgement because the mail looked automatic: a loop or a robot was kept quiet. */
    AUTORESPONSE_SUPPRESSED("autoresponse.suppressed");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }

    public static String acceptedWireNames() {
        return Arrays.stream(values()).map(WebhookEventType::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
