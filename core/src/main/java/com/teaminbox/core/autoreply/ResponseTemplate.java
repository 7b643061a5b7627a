package com.teaminbox.core.autoreply;

import java.util.Objects;
import java.util.Optional;

/**
 * One template of a shared mailbox: its kind ({@code ack}, {@code out-of-hours}, a rule's name), language, text and optional HTML.
 * {@code incomingText}: what its placeholders and the acknowledgement's subject do with the customer's text.
 */
public record ResponseTemplate(String kind, String language, Template text, Optional<Template> html, IncomingText incomingText) {
    public static final String ACK = "ack";
    public static final String OUT_OF_HOURS = "out-of-hours";

    /** A template that defangs what it copies from the incoming mail. */
    public ResponseTemplate(String kind, String language, Template text, Optional<Template> html) {
        this(kind, language, text, html, IncomingText.DEFANGED);
    }

    public ResponseTemplate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(incomingText, "incomingText");
    }

    @Override
    public String toString() {
        return kind + "/" + language + (html.isPresent() ? " (text+html)" : " (text)");
    }
}
