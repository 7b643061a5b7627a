package com.teaminbox.core.webhooks;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A payload transformation: the JSON a receiver expects (a chat's incoming-webhook message, a
 * tracker's new-issue request), with {@code {{field}}} where a fact of the event goes. Each value
 * is JSON-escaped, so a template that is JSON with placeholders inside strings stays JSON whatever
 * a customer wrote in the subject:
 * <pre>{@code
 * {"text": "New ticket {{ticket}} on {{sharedMailbox}}: {{subject}}"}
 * }</pre>
 * Placeholders: {@value #PLACEHOLDERS}.
 */
public final class PayloadTemplate {
    public static final String PLACEHOLDERS = "id, type, timestamp, sharedMailbox, ticket, actor, actorKind, subject, messageId, rule, assignee, reason, summary";
    public static final int MAX_CHARS = 16 * 1024;
    private static final Set<String> NAMES = Set.of(PLACEHOLDERS.split(", "));
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");

    private final String text;

    private PayloadTemplate(String text) {
        this.text = text;
    }

    /** @throws IllegalArgumentException naming an unknown placeholder, or the size limit */
    public static PayloadTemplate of(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("is longer than " + MAX_CHARS + " characters");
        }
        Matcher matcher = PLACEHOLDER.matcher(text);
        Set<String> unknown = matcher.results().map(result -> result.group(1)).filter(name -> !NAMES.contains(name))
            .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("uses unknown placeholder(s) " + unknown + "; accepted: " + PLACEHOLDERS);
        }
        return new PayloadTemplate(text);
    }

    public String render(WebhookEvent event, String webhookId) {
        Map<String, String> fields = event.fields(webhookId);
        return PLACEHOLDER.matcher(text).replaceAll(result -> Matcher.quoteReplacement(JsonText.escape(fields.get(result.group(1)))));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadTemplate && text.equals(((PayloadTemplate) o).text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
