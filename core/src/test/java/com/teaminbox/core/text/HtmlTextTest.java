package com.teaminbox.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTextTest {
    /**
     * A bound, not a measurement: the linear pass takes well under a second of CPU, a quadratic one
     * hours; generous because seven builds share two cores here (4.7 s of wall time was seen).
     */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final int REPEATS = 100_000;

    @Test
    void tagsShouldBeRemovedAndEntitiesDecoded() {
        assertThat(HtmlText.of("<p class=\"x\">Caf&eacute; &amp; th&eacute;</p><br/>ok")).isEqualTo("Café & thé ok");
    }

    @Test
    void everyNamedReferenceOfHtml5ShouldBeDecodedNotOnlyAHandPickedFew() {
        assertThat(HtmlText.of("na&iuml;ve &oelig;uvre &euro;5 &hellip; &#52;&#x32; &quot;x&apos;")).isEqualTo("naïve œuvre €5 … 42 \"x'");
    }

    @Test
    void nonBreakingSpacesShouldReadAsBlanks() {
        assertThat(HtmlText.of("4111&nbsp;1111&#160;1111 &nbsp; 1111")).isEqualTo("4111 1111 1111 1111");
    }

    @Test
    void inlineElementsShouldNotSeparateWordsButBlocksAndBreaksShould() {
        assertThat(HtmlText.of("4111<b>1111</b><span>1111</span>1111<div>next</div>line<br>end")).isEqualTo("4111111111111111 next line end");
    }

    @Test
    void scriptsAndStylesShouldBeDroppedWithTheirContent() {
        // As a browser shows it: nothing where the script and the style were, so the words join.
        assertThat(HtmlText.of("Hello <script type=\"text/javascript\">var secret = 1;</script>"
            + "<STYLE media=all>p { color: red }</style >world"))
            .isEqualTo("Hello world");
    }

    @Test
    void aScriptWithoutClosingTagShouldHideTheRestAsABrowserDoes() {
        assertThat(HtmlText.of("shown <script>alert(1)")).isEqualTo("shown");
    }

    @Test
    void anElementWhoseNameOnlyStartsWithScriptShouldNotSwallowText() {
        assertThat(HtmlText.of("<scripts>kept</scripts>")).isEqualTo("kept");
    }

    @Test
    void aLessThanSignWithoutTagShouldStayText() {
        assertThat(HtmlText.of("1 < 2 and 3 = 3")).isEqualTo("1 < 2 and 3 = 3");
    }

    @Test
    void aVeryLongTagShouldStillBeATag() {
        assertThat(HtmlText.of("a <" + "x".repeat(100_000) + "> b")).isEqualTo("a b");
    }

    @Test
    void quotedTextShouldBeDroppedOnlyWhenAsked() {
        String html = "<p>Done</p><blockquote>card 4111 1111 1111 1111<blockquote>older</blockquote></blockquote><p>Bye</p>";

        assertThat(HtmlText.withoutQuotes(html)).isEqualTo("Done Bye");
        assertThat(HtmlText.of(html)).isEqualTo("Done card 4111 1111 1111 1111 older Bye");
    }

    @ParameterizedTest(name = "{0} repeated")
    @ValueSource(strings = {"<script>", "<style>", "<SCRIPT a=1>", "<script></scrip", "<script></script   ", "<", "<<>", "</",
        "<b>", "<div>", "<a href=x>", "<table><tr><td>", "&amp", "<!--"})
    void repeatedOpeningsWithoutClosingShouldCostLinearTime(String unit) {
        String html = unit.repeat(REPEATS);

        String text = assertTimeoutPreemptively(BOUND, () -> HtmlText.of(html));

        assertThat(text.length()).isLessThanOrEqualTo(html.length());
    }

    @Test
    void manyScriptsEachClosedShouldAllBeDropped() {
        String html = "<script>x</script>word ".repeat(REPEATS);

        String text = assertTimeoutPreemptively(BOUND, () -> HtmlText.of(html));

        assertThat(text).doesNotContain("x").contains("word");
    }
}
