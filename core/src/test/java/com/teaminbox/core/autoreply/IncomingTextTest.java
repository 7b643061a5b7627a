package com.teaminbox.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncomingTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Printer broken|Printer broken",
        "Visit http://evil.test now|Visit hxxp://evil[.]test now",
        "HTTPS://Evil.Test/login?a=b|hxxps://Evil[.]Test/login?a=b",
        "ftp://files.evil.test|ftp[://]files[.]evil[.]test",
        "write to x@evil.test|write to x[at]evil[.]test",
        "mailto:x@evil.test|mailto:x[at]evil[.]test",
        "www.evil.test|www[.]evil[.]test",
        "evil。test and evil．test|evil[.]test and evil[.]test",
        "evil.\u200Btest and ev\u202Eil.test|evil[.]test and evil[.]test",
        "Jane @ Home|Jane [at] Home",
        "Version 2.0|Version 2[.]0",
        "End of sentence. Next one...|End of sentence. Next one...",
        "http:/ /not-a-link|http:/ /not-a-link",
        "Café résumé|Café résumé"})
    void defangedTextShouldHaveNoClickableLinkOrAddress(String incoming, String copied) {
        assertThat(IncomingText.DEFANGED.apply(incoming)).isEqualTo(copied);
    }

    @Test
    void verbatimTextShouldBeCopiedAsIs() {
        assertThat(IncomingText.VERBATIM.apply("Visit http://example.test, x@example.test")).isEqualTo("Visit http://example.test, x@example.test");
    }

    @Test
    void textAtTheCapShouldBeKept() {
        String text = "a".repeat(IncomingText.MAX_LENGTH);

        assertThat(IncomingText.DEFANGED.apply(text)).isEqualTo(text);
        assertThat(IncomingText.VERBATIM.apply(text)).isEqualTo(text);
    }

    @Test
    void textOverTheCapShouldBeCutWithAnEllipsisInBothPolicies() {
        String text = "a".repeat(IncomingText.MAX_LENGTH + 1);

        assertThat(IncomingText.DEFANGED.apply(text)).hasSize(IncomingText.MAX_LENGTH).endsWith("a…");
        assertThat(IncomingText.VERBATIM.apply(text)).hasSize(IncomingText.MAX_LENGTH).endsWith("a…");
    }

    @Test
    void theCapShouldCountWhatDefangingAdds() {
        assertThat(IncomingText.DEFANGED.apply("a.b".repeat(100))).hasSizeLessThanOrEqualTo(IncomingText.MAX_LENGTH);
    }

    @Test
    void theCapShouldNeverSplitASurrogatePair() {
        String text = "a".repeat(IncomingText.MAX_LENGTH - 2) + "😀😀";

        assertThat(IncomingText.VERBATIM.apply(text)).isEqualTo("a".repeat(IncomingText.MAX_LENGTH - 2) + "…");
    }

    @Test
    void hugeTextShouldCostLinearTime() {
        String text = "http://a.b@".repeat(200_000);

        String copied = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> IncomingText.DEFANGED.apply(text));

        assertThat(copied).startsWith("hxxp://a[.]b[at]hxxp://");
    }

    @Test
    void policiesShouldBeNamedAsInTheConfiguration() {
        assertThat(IncomingText.fromXmlName("verbatim")).contains(IncomingText.VERBATIM);
        assertThat(IncomingText.fromXmlName("defanged")).contains(IncomingText.DEFANGED);
        assertThat(IncomingText.fromXmlName("Verbatim")).isEmpty();
    }
}
