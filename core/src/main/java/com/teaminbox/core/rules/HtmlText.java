package com.teaminbox.core.rules;

/**
 * The words of an HTML part, for rules: scripts and styles dropped, tags removed, common entities decoded.
 *
 * <p>One pass from left to right, never a regular expression: the HTML is a stranger's text, and the
 * obvious {@code <script>.*?</script>} costs quadratic time on {@code <script>} repeated without a
 * closing tag (each opening tag searched the rest of the part). Here every search remembers where
 * it ended, so a part of n characters costs O(n) whatever it holds.
 */
final class HtmlText {
    /** A {@code <} with no {@code >} within this many characters is text, not a tag. */
    static final int MAX_TAG_CHARS = 2_000;
    private static final String[] RAW_TEXT_ELEMENTS = {"script", "style"};

    private final String html;
    /**
     * The last {@code >} found, -1 once there is none left, -2 before the first search. The positions
     * asked for only grow, so a search starts where the last one's answer is behind us.
     */
    private int nextGreaterThan = -2;
    /** Per raw-text element, the same memory for its closing tag: where it starts and ends. */
    private final int[] closingStart = {-2, -2};
    private final int[] closingEnd = {-2, -2};

    private HtmlText(String html) {
        this.html = html;
    }

    static String toText(String html) {
        String text = new HtmlText(html).withoutMarkup();
        return text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
            .replace("&quot;", "\"").replace("&#39;", "'").replace("&eacute;", "é").replace("&egrave;", "è")
            .replace("&agrave;", "à").replace("&ccedil;", "ç");
    }

    private String withoutMarkup() {
        StringBuilder out = new StringBuilder(html.length());
        int index = 0;
        while (index < html.length()) {
            char current = html.charAt(index);
            int tagEnd = current == '<' ? greaterThan(index + 1) : -1;
            if (tagEnd < 0 || tagEnd - index - 1 > MAX_TAG_CHARS) {
                out.append(current);
                index++;
                continue;
            }
            out.append(' ');
            int element = rawTextElement(index + 1);
            int blockEnd = element < 0 ? -1 : closingTagEnd(element, tagEnd + 1);
            index = blockEnd < 0 ? tagEnd + 1 : blockEnd;
        }
        return out.toString();
    }

    private int greaterThan(int from) {
        if (nextGreaterThan == -2 || (nextGreaterThan >= 0 && nextGreaterThan < from)) {
            nextGreaterThan = html.indexOf('>', from);
        }
        return nextGreaterThan;
    }

    /** Which of {@link #RAW_TEXT_ELEMENTS} opens at {@code nameStart} ({@code <script}, {@code <STYLE type=…}), else -1. */
    private int rawTextElement(int nameStart) {
        for (int element = 0; element < RAW_TEXT_ELEMENTS.length; element++) {
            String name = RAW_TEXT_ELEMENTS[element];
            int after = nameStart + name.length();
            if (html.regionMatches(true, nameStart, name, 0, name.length())
                && after < html.length() && (html.charAt(after) == '>' || html.charAt(after) == '/' || isBlank(html.charAt(after)))) {
                return element;
            }
        }
        return -1;
    }

    /** The index just after the next {@code </script >} (blanks allowed before {@code >}) at or after {@code from}, else -1. */
    private int closingTagEnd(int element, int from) {
        if (closingStart[element] == -1) {
            return -1;
        }
        if (closingStart[element] == -2 || closingStart[element] < from) {
            findClosingTag(element, from);
        }
        return closingEnd[element];
    }

    private void findClosingTag(int element, int from) {
        String name = RAW_TEXT_ELEMENTS[element];
        for (int start = html.indexOf("</", from); start >= 0; start = html.indexOf("</", start + 2)) {
            int after = start + 2 + name.length();
            if (!html.regionMatches(true, start + 2, name, 0, name.length())) {
                continue;
            }
            while (after < html.length() && isBlank(html.charAt(after))) {
                after++;
            }
            if (after < html.length() && html.charAt(after) == '>') {
                closingStart[element] = start;
                closingEnd[element] = after + 1;
                return;
            }
        }
        closingStart[element] = -1;
        closingEnd[element] = -1;
    }

    private static boolean isBlank(char character) {
        return character == ' ' || character == '\t' || character == '\n' || character == '\r' || character == '\f' || character == '\u000B';
    }
}
