package com.teaminbox.core.webhooks;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.teaminbox.core.audit.AuditActor;

/**
 * What a webhook says, before it is addressed to an endpoint. Its JSON is the payload of
 * docs/webhook-payload.schema.json, in the envelope the Standard Webhooks specification suggests:
 * <pre>{@code
 * {"type":"ticket.created","timestamp":"2026-12-06T08:01:02.345Z",
 *  "data":{"sharedMailbox":"support@example.test","ticket":"SUP-12",
 *          "actor":{"kind":"external-sender","name":"jane@customer.test"},
 *          "subject":"Printer broken","messageId":"<1@customer.test>",
 *          "summary":"SUP-12 created by jane@customer.test: Printer broken"}}
 * }</pre>
 * Absent facts are left out, never {@code null}. The subject and summary carry no link (each
 * becomes {@code [link]}): a chat channel that unfurls links would fetch what a customer wrote.
 * No body: the audit trail this is made from never holds one.
 */
public record WebhookEvent(WebhookEventType type, Instant occurredAt, String sharedMailbox, Optional<String> ticket, AuditActor actor,
                           Optional<String> subject, Optional<String> messageId, Optional<String> rule, Optional<String> assignee,
                           Optional<String> reason) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:[a-z][a-z0-9+.-]{1,20}://|www\\.)\\S+");

    public WebhookEvent {
        subject = subject.map(WebhookEvent::linkFree);
        reason = reason.map(WebhookEvent::linkFree);
    }

    static String linkFree(String text) {
        return LINK.matcher(text).replaceAll("[link]");
    }

    /** One line a person reads in a chat channel: {@code SUP-12 created by jane@customer.test: Printer broken}. */
    public String summary() {
        String what = ticket.orElse("A ticket") + " " + verb();
        String by = actor.kind() == AuditActor.Kind.SYSTEM ? "" : " by " + actor.name();
        return what + by + subject.map(text -> ": " + text).orElse("");
    }

    private String verb() {
        switch (type) {
            case TICKET_CREATED:
                return "created";
            case CUSTOMER_REPLIED:
                return "has a reply from the customer";
            case MEMBER_REPLIED:
                return "answered";
            case ASSIGNED:
                return "assigned to " + assignee.orElse("?");
            case RESOLVED:
                return "resolved";
            case REOPENED:
                return "reopened";
            case SLA_WARNING:
                return "is near its response-time target";
            case SLA_BREACHED:
                return "missed its response-time target";
            case RULE_MATCHED:
                return "matched rule " + rule.orElse("?");
            case AUTORESPONSE_SUPPRESSED:
                return "got no acknowledgement (automatic mail)";
            default:
                return type.wireName();
        }
    }

    public String timestamp() {
        return TIME.format(occurredAt);
    }

    /** The values a payload template may use, by placeholder name (docs/integrations.md). */
    public Map<String, String> fields(String webhookId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", webhookId);
        fields.put("type", type.wireName());
        fields.put("timestamp", timestamp());
        fields.put("sharedMailbox", sharedMailbox);
        fields.put("ticket", ticket.orElse(""));
        fields.put("actor", actor.name());
        fields.put("actorKind", actor.kind().wireName());
        fields.put("subject", subject.orElse(""));
        fields.put("messageId", messageId.orElse(""));
        fields.put("rule", rule.orElse(""));
        fields.put("assignee", assignee.orElse(""));
        fields.put("reason", reason.orElse(""));
        fields.put("summary", summary());
        return fields;
    }

    /** The standard payload. */
    public String toJson() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("sharedMailbox", JsonText.quote(sharedMailbox));
        ticket.ifPresent(value -> data.put("ticket", JsonText.quote(value)));
        data.put("actor", "{\"kind\":" + JsonText.quote(actor.kind().wireName()) + ",\"name\":" + JsonText.quote(actor.name()) + "}");
        subject.ifPresent(value -> data.put("subject", JsonText.quote(value)));
        messageId.ifPresent(value -> data.put("messageId", JsonText.quote(value)));
        rule.ifPresent(value -> data.put("rule", JsonText.quote(value)));
        assignee.ifPresent(value -> data.put("assignee", JsonText.quote(value)));
        reason.ifPresent(value -> data.put("reason", JsonText.quote(value)));
        data.put("summary", JsonText.quote(summary()));
        return "{\"type\":" + JsonText.quote(type.wireName()) + ",\"timestamp\":" + JsonText.quote(timestamp()) + ",\"data\":{"
            + data.entrySet().stream().map(entry -> JsonText.quote(entry.getKey()) + ":" + entry.getValue()).collect(Collectors.joining(","))
            + "}}";
    }
}
