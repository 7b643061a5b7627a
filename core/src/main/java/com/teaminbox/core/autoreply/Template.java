package com.teaminbox.core.autoreply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A response template: text with {@code {{variable}}} placeholders, checked when it is loaded
 * (an unknown variable or an unclosed placeholder refuses the file with its line), rendered
 * with every value escaped for where it goes: a value can never add a line, a header or markup.
 */
public final class Template {
    /** Bounds what an administrator's typo can cost: templates are short letters. */
    public static final int MAX_LENGTH = 64 * 1024;
    /**
     * A placeholder; blanks around the name are stripped in Java: a lazy name between two {@code \\s*}
     * was quadratic on an opening pair of braces followed by thousands of blanks.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)}}");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029\\u0085]+");

    private final List<Object> parts;

    private Template(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    /** How a value is made safe: controls (CR, LF above all) removed; in HTML, markup escaped too. */
    public enum Escaping {
        PLAIN_TEXT, HTML
    }

    public static Template parse(String source, String file) {
        if (source.length() > MAX_LENGTH) {
            throw new TemplateException(file, 1, "is longer than " + MAX_LENGTH + " characters");
        }
        List<Object> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(source);
        int position = 0;
        while (matcher.find()) {
            String text = source.substring(position, matcher.start());
            rejectStrayBraces(text, source, position, file);
            parts.add(text);
            String name = matcher.group(1).strip();
            TemplateVariable variable = TemplateVariable.fromPlaceholderName(name).orElseThrow(() ->
                new TemplateException(file, lineOf(source, matcher.start()), "unknown variable '{{" + name + "}}'; accepted: "
                    + TemplateVariable.acceptedNames()));
            parts.add(variable);
            position = matcher.end();
        }
        String rest = source.substring(position);
        rejectStrayBraces(rest, source, position, file);
        parts.add(rest);
        return new Template(parts);
    }

    private static void rejectStrayBraces(String text, String source, int offset, String file) {
        int open = text.indexOf("{{");
        if (open >= 0) {
            throw new TemplateException(file, lineOf(source, offset + open), "'{{' is not closed by '}}' on a valid placeholder");
        }
        int close = text.indexOf("}}");
        if (close >= 0) {
            throw new TemplateException(file, lineOf(source, offset + close), "'}}' closes no '{{'");
        }
    }

    private static int lineOf(String source, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * @param incomingText what happens to values copied from the mail being answered
     *                     ({@link TemplateVariable#incoming()}), before they are escaped
     */
    public String render(Map<TemplateVariable, String> values, Escaping escaping, IncomingText incomingText) {
        StringBuilder out = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof TemplateVariable) {
                TemplateVariable variable = (TemplateVariable) part;
                String value = values.getOrDefault(variable, "");
                out.append(escape(variable.incoming() ? incomingText.apply(value) : value, escaping));
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    static String escape(String value, Escaping escaping) {
        String singleLine = CONTROLS.matcher(value).replaceAll(" ").strip();
        if (escaping == Escaping.PLAIN_TEXT) {
            return singleLine;
        }
        return singleLine.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\"", "&quot;").replace("'", "&#39;");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Template && parts.equals(((Template) o).parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(parts);
    }

    @Override
    public String toString() {
        return "Template" + parts;
    }
}
