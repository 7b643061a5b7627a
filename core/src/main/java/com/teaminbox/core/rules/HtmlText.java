package com.teaminbox.core.rules;

import java.util.regex.Pattern;

/** The words of an HTML part, for rules: scripts and styles dropped, tags removed, common entities decoded. */
final class HtmlText {
    private static final Pattern SCRIPTS_AND_STYLES = Pattern.compile("(?is)<(script|style)[^>]*>.*?</\\1\\s*>");
    private static final Pattern TAGS = Pattern.compile("(?s)<[^>]{0,2000}>");

    private HtmlText() {
    }

    static String toText(String html) {
        String text = SCRIPTS_AND_STYLES.matcher(html).replaceAll(" ");
        text = TAGS.matcher(text).replaceAll(" ");
        return text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", "\"").replace("&#39;", "'").replace("&eacute;", "é").replace("&egrave;", "è")
            .replace("&agrave;", "à").replace("&ccedil;", "ç");
    }
}
