package com.teaminbox.core.autoreply;

import java.util.Objects;
import java.util.Optional;

/** One template of a shared mailbox: its kind ({@code ack}, {@code out-of-hours}, a rule's name), language, text and optional HTML. */
public final class ResponseTemplate {
    public static final String ACK = "ack";
    public static final String OUT_OF_HOURS = "out-of-hours";

    private final String kind;
    private final String language;
    private final Template text;
    private final Optional<Template> html;
    private final IncomingText incomingText;

    /** A template that defangs what it copies from the incoming mail. */
    public ResponseTemplate(String kind, String language, Template text, Optional<Template> html) {
        this(kind, language, text, html, IncomingText.DEFANGED);
    }

    public ResponseTemplate(String kind, String language, Template text, Optional<Template> html, IncomingText incomingText) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.language = Objects.requireNonNull(language, "language");
        this.text = Objects.requireNonNull(text, "text");
        this.html = Objects.requireNonNull(html, "html");
        this.incomingText = Objects.requireNonNull(incomingText, "incomingText");
    }

    public String kind() {
        return kind;
    }

    public String language() {
        return language;
    }

    public Template text() {
        return text;
    }

    public Optional<Template> html() {
        return html;
    }

    /** What this template's placeholders and the acknowledgement's subject do with the customer's text. */
    public IncomingText incomingText() {
        return incomingText;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ResponseTemplate)) {
            return false;
        }
        ResponseTemplate that = (ResponseTemplate) o;
        return kind.equals(that.kind) && language.equals(that.language) && text.equals(that.text) && html.equals(that.html)
            && incomingText == that.incomingText;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, language, text, html, incomingText);
    }

    @Override
    public String toString() {
        return kind + "/" + language + (html.isPresent() ? " (text+html)" : " (text)");
    }
}
