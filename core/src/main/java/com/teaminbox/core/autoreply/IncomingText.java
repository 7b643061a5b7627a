package com.teaminbox.core.autoreply;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an acknowledgement does with text it copies from the mail it answers (the customer's
 * name, subject and address). Anyone can send a mail to a shared mailbox with
 * {@code MAIL FROM:<victim>} and a subject such as "Your account is locked, see http://evil.test":
 * the acknowledgement would carry that text, from our address, to the victim. So by default the
 * copied text is defanged (links and addresses made unclickable, as security advisories write
 * them) and every copy is capped at {@value #MAX_LENGTH} characters. A template that needs the
 * customer's words verbatim says {@code incoming-text="verbatim"}; the cap still applies.
 *
 * <p>Defanged, {@code Visit https://evil.test/a or write to x@evil.test} reads
 * {@code Visit hxxps://evil[.]test/a or write to x[at]evil[.]test}: {@code http}/{@code https}
 * become {@code hxxp}/{@code hxxps}, any other {@code ://} becomes {@code [://]}, {@code @} becomes
 * {@code [at]}, and a dot between two letters or digits becomes {@code [.]} (so domains, also the
 * ideographic and full-width dots that IDNA reads as dots). Invisible format characters (zero-width
 * spaces, bidirectional overrides) are removed first, so they cannot hide a dot from this rule.
 * One pass, linear in the length of the text.
 */
public enum IncomingText {
    DEFANGED("defanged"),
    VERBATIM("verbatim");

    /** Longest copy of one field; longer text is cut and ends with an ellipsis. */
    public static final int MAX_LENGTH = 160;
    private static final String ELLIPSIS = "…";
    /** Characters IDNA (RFC 3490 section 3.1) maps to a full stop in a domain name. */
    private static final String DOTS = ".\u3002\uFF0E\uFF61";
    private static final String AT_SIGNS = "@\uFF20\uFE6B";

    private final String xmlName;

    IncomingText(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }

    public static Optional<IncomingText> fromXmlName(String value) {
        return Arrays.stream(values()).filter(mode -> mode.xmlName.equals(value)).findFirst();
    }

    public static String acceptedNames() {
        return Arrays.stream(values()).map(IncomingText::xmlName).collect(Collectors.joining(", "));
    }

    /** The text as this policy copies it into an acknowledgement. */
    public String apply(String text) {
        return capped(this == DEFANGED ? defanged(withoutFormatCharacters(text)) : text);
    }

    static String defanged(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int index = 0;
        while (index < text.length()) {
            char current = text.charAt(index);
            int web = webScheme(text, index);
            if (web > 0) {
                out.append(web == 8 ? "hxxps://" : "hxxp://");
                index += web;
            } else if (text.startsWith("://", index)) {
                out.append("[://]");
                index += 3;
            } else if (AT_SIGNS.indexOf(current) >= 0) {
                out.append("[at]");
                index++;
            } else if (DOTS.indexOf(current) >= 0 && index > 0 && index + 1 < text.length()
                && Character.isLetterOrDigit(text.codePointBefore(index)) && Character.isLetterOrDigit(text.codePointAt(index + 1))) {
                out.append("[.]");
                index++;
            } else {
                out.append(current);
                index++;
            }
        }
        return out.toString();
    }

    /** The length of {@code http://} or {@code https://} (any case) at {@code index}, else 0. */
    private static int webScheme(String text, int index) {
        if (!text.regionMatches(true, index, "http", 0, 4)) {
            return 0;
        }
        String rest = text.substring(index + 4, Math.min(text.length(), index + 8)).toLowerCase(Locale.ROOT);
        return rest.startsWith("://") ? 7 : rest.startsWith("s://") ? 8 : 0;
    }

    private static String withoutFormatCharacters(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(codePoint -> Character.getType(codePoint) != Character.FORMAT).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String capped(String text) {
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = MAX_LENGTH - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end).strip() + ELLIPSIS;
    }
}
