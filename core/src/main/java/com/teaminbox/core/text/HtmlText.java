package com.teaminbox.core.text;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * The text of an HTML part as a reader sees it, read by jsoup, the HTML5 parser James's own
 * mailbox layer extracts HTML text with (so it is on James's class path): every character
 * reference of the HTML5 table decoded ({@code &eacute; &nbsp; &#x34;}), the content of
 * {@code <script>} and {@code <style>} dropped, block elements and {@code <br>} separating words
 * while inline ones do not ({@code 4111<b>1111</b>} reads as one number, as a browser shows it),
 * and runs of blanks, {@code &nbsp;} included, read as one.
 *
 * <pre>{@code
 * HtmlText.of("<p>Caf&eacute; &amp; th&eacute;</p>ok")             // "Café & thé ok"
 * HtmlText.withoutQuotes("<p>Done</p><blockquote>old</blockquote>")  // "Done"
 * }</pre>
 *
 * <p>The HTML is a stranger's text: jsoup's tokeniser is a state machine that reads each character
 * once, so an unclosed {@code <script>} repeated a hundred thousand times costs linear time. Its
 * memory grows with the document: callers hand over a bounded amount (the rules a body prefix, the
 * outgoing scan chunks of a bounded size).
 */
public final class HtmlText {
    private HtmlText() {
    }

    /** The text of {@code html}. */
    public static String of(String html) {
        return Jsoup.parse(html).text();
    }

    /**
     * The text of {@code html} without the content of {@code <blockquote>}, where mail clients put
     * the message answered.
     */
    public static String withoutQuotes(String html) {
        Document document = Jsoup.parse(html);
        document.select("blockquote").remove();
        return document.text();
    }
}
