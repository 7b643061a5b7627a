package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlTextTest {
    /** A bound, not a measurement: the linear pass takes milliseconds, a quadratic one hours. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final int REPEATS = 100_000;

    @Test
    void tagsShouldBeRemovedAndEntitiesDecoded() {
        assertThat(HtmlText.toText("<p class=\"x\">Caf&eacute; &amp; th&eacute;</p><br/>ok"))
            .isEqualTo(" Café & thé  ok");
    }

    @Test
    void scriptsAndStylesShouldBeDroppedWithTheirContent() {
        assertThat(HtmlText.toText("Hello<script type=\"text/javascript\">var secret = 1;</script>"
            + "<STYLE media=all>p { color: red }</style >world"))
            .isEqualTo("Hello  world");
    }

    @Test
    void aScriptWithoutClosingTagShouldKeepItsTextLikeAnyUnknownElement() {
        assertThat(HtmlText.toText("<script>alert(1)")).isEqualTo(" alert(1)");
    }

    @Test
    void anElementWhoseNameOnlyStartsWithScriptShouldNotSwallowText() {
        assertThat(HtmlText.toText("<scripts>kept</scripts>")).isEqualTo(" kept ");
    }

    @Test
    void aLessThanSignWithoutTagShouldStayText() {
        assertThat(HtmlText.toText("1 < 2 and 3 = 3")).isEqualTo("1 < 2 and 3 = 3");
    }

    @Test
    void aLessThanSignFartherThanTheTagLimitFromTheNextGreaterThanShouldStayText() {
        String text = "a <" + "x".repeat(HtmlText.MAX_TAG_CHARS + 1) + "> b";

        assertThat(HtmlText.toText(text)).isEqualTo(text);
    }

    @Test
    void aTagAtTheLimitShouldBeRemoved() {
        assertThat(HtmlText.toText("a <" + "x".repeat(HtmlText.MAX_TAG_CHARS) + "> b")).isEqualTo("a   b");
    }

    @ParameterizedTest(name = "{0} repeated")
    @ValueSource(strings = {"<script>", "<style>", "<SCRIPT a=1>", "<script></scrip", "<script></script   ", "<", "<<>", "</"})
    void repeatedOpeningsWithoutClosingShouldCostLinearTime(String unit) {
        String html = unit.repeat(REPEATS);

        String text = assertTimeoutPreemptively(BOUND, () -> HtmlText.toText(html));

        assertThat(text.length()).isLessThanOrEqualTo(html.length());
    }

    @Test
    void manyScriptsEachClosedShouldAllBeDropped() {
        String html = "<script>x</script>word ".repeat(REPEATS);

        String text = assertTimeoutPreemptively(BOUND, () -> HtmlText.toText(html));

        assertThat(text).doesNotContain("x").contains("word");
    }
}
