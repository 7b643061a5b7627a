package com.teaminbox.core.autoreply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {
    private static final String FILE = "acks/support-en.txt";

    @Test
    void placeholdersShouldBeReplacedByTheirValues() {
        Template template = Template.parse("Hello {{customer_name}},\nyour ticket is {{ ticket }}.\n", FILE);

        assertThat(template.render(Map.of(TemplateVariable.CUSTOMER_NAME, "Jane", TemplateVariable.TICKET, "SUP-1"),
            Template.Escaping.PLAIN_TEXT, IncomingText.VERBATIM)).isEqualTo("Hello Jane,\nyour ticket is SUP-1.\n");
    }

    @Test
    void textWithoutPlaceholdersShouldRenderUnchanged() {
        assertThat(Template.parse("Thanks!\n", FILE).render(Map.of(), Template.Escaping.HTML, IncomingText.VERBATIM)).isEqualTo("Thanks!\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Hi\\nyour {{tiket}} |2|unknown variable '{{tiket}}'; accepted: ticket, subject, customer_name, customer_address, mailbox_name, mailbox_address, response_time, next_opening",
        "{{}}|1|unknown variable '{{}}'; accepted: ticket, subject, customer_name, customer_address, mailbox_name, mailbox_address, response_time, next_opening",
        "{{Ticket}}|1|unknown variable '{{Ticket}}'; accepted: ticket, subject, customer_name, customer_address, mailbox_name, mailbox_address, response_time, next_opening",
        "a\\nb\\nc {{ticket|3|'{{' is not closed by '}}' on a valid placeholder",
        "a {{ {{ticket}} }}|1|'{{' is not closed by '}}' on a valid placeholder",
        "a\\nticket}}|2|'}}' closes no '{{'"})
    void badTemplateShouldBeRefusedWithFileAndLine(String source, int line, String reason) {
        assertThatThrownBy(() -> Template.parse(source.replace("\\n", "\n"), FILE))
            .isInstanceOf(TemplateException.class)
            .hasMessage(FILE + ":" + line + ": " + reason);
    }

    @Test
    void unclosedPlaceholderBeforeManyBlanksShouldBeRefusedInLinearTime() {
        // The former lazy pattern between two \\s* was cubic here: 1,000 blanks took seconds, 5,000 hours.
        String source = "{{" + " ".repeat(5_000) + "ticket";

        assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Template.parse(source, FILE)))
            .hasMessage(FILE + ":1: '{{' is not closed by '}}' on a valid placeholder");
    }

    @Test
    void blanksAroundAPlaceholderNameShouldBeAllowed() {
        assertThat(Template.parse("{{\t ticket  }}", FILE)
            .render(Map.of(TemplateVariable.TICKET, "SUP-1"), Template.Escaping.PLAIN_TEXT, IncomingText.VERBATIM))
            .isEqualTo("SUP-1");
    }

    @Test
    void oversizedTemplateShouldBeRefused() {
        assertThatThrownBy(() -> Template.parse("x".repeat(Template.MAX_LENGTH + 1), FILE))
            .hasMessage(FILE + ":1: is longer than 65536 characters");
    }

    @Test
    void valuesShouldLoseLineBreaksAndControlsInPlainText() {
        Template template = Template.parse("Subject was: {{subject}}\n", FILE);

        assertThat(template.render(Map.of(TemplateVariable.SUBJECT, "hi\r\nBcc: x@evil.test\u0000\u2028!"), Template.Escaping.PLAIN_TEXT,
            IncomingText.VERBATIM))
            .isEqualTo("Subject was: hi Bcc: x@evil.test !\n");
    }

    @Test
    void valuesShouldBeHtmlEscapedInHtml() {
        Template template = Template.parse("<p>Dear {{customer_name}}</p>", FILE);

        assertThat(template.render(Map.of(TemplateVariable.CUSTOMER_NAME, "<script>alert('x')</script> & \"Co\""),
            Template.Escaping.HTML, IncomingText.VERBATIM))
            .isEqualTo("<p>Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;</p>");
    }

    @Test
    void incomingValuesShouldBeDefangedWhenTheTemplateDoesNotOptIn() {
        Template template = Template.parse("Dear {{customer_name}} ({{customer_address}}), about {{subject}} write to {{mailbox_address}}", FILE);

        assertThat(template.render(Map.of(TemplateVariable.CUSTOMER_NAME, "See http://evil.test",
            TemplateVariable.CUSTOMER_ADDRESS, "victim@example.test", TemplateVariable.SUBJECT, "x@evil.test",
            TemplateVariable.MAILBOX_ADDRESS, "support@example.test"), Template.Escaping.PLAIN_TEXT, IncomingText.DEFANGED))
            .isEqualTo("Dear See hxxp://evil[.]test (victim[at]example[.]test), about x[at]evil[.]test write to support@example.test");
    }

    @Test
    void incomingValuesShouldBeDefangedBeforeHtmlEscaping() {
        Template template = Template.parse("<p>{{subject}}</p>", FILE);

        assertThat(template.render(Map.of(TemplateVariable.SUBJECT, "<a href=\"https://evil.test\">x</a>"), Template.Escaping.HTML,
            IncomingText.DEFANGED)).isEqualTo("<p>&lt;a href=&quot;hxxps://evil[.]test&quot;&gt;x&lt;/a&gt;</p>");
    }

    @Test
    void missingValueShouldRenderEmpty() {
        assertThat(Template.parse("[{{next_opening}}]", FILE).render(Map.of(), Template.Escaping.PLAIN_TEXT, IncomingText.VERBATIM)).isEqualTo("[]");
    }
}
