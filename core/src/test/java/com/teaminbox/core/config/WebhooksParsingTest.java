package com.teaminbox.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.teaminbox.core.config.xml.TemplateFiles;
import com.teaminbox.core.rules.RuleAction;
import com.teaminbox.core.webhooks.WebhookEndpoint;
import com.teaminbox.core.webhooks.WebhookEventType;
import com.teaminbox.core.webhooks.WebhookSettings;

class WebhooksParsingTest {
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final Map<String, String> FILES = Map.of("chat.whsec", SECRET + "\n", "short.whsec", "whsec_AAAA",
        "chat.json", "{\"text\":\"{{summary}}\"}", "bad.json", "{\"text\":\"{{body}}\"}");

    private static SharedMailbox mailbox(String webhooks) {
        return mailbox(webhooks, "");
    }

    private static SharedMailbox mailbox(String webhooks, String rules) {
        String xml = "<shared-mailboxes>\n"
            + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
            + "    <member address=\"alice@example.test\" role=\"full\"/>\n"
            + rules
            + webhooks
            + "  </shared-mailbox>\n"
            + "</shared-mailboxes>\n";
        TemplateFiles files = path -> Optional.ofNullable(FILES.get(path)).orElseThrow(() -> new IOException("no such file"));
        return new SharedMailboxesConfigurationParser(files)
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "shared-mailboxes.xml")
            .sharedMailboxes().get(0);
    }

    private static String endpoint(String attributes) {
        return "    <webhooks>\n"
            + "      <endpoint name=\"chat\" " + attributes + "><secret file=\"chat.whsec\"/></endpoint>\n"
            + "    </webhooks>\n";
    }

    @Test
    void aMailboxWithoutWebhooksShouldSendNone() {
        assertThat(mailbox("").webhooks()).isEqualTo(WebhookSettings.NONE);
    }

    @Test
    void anEndpointShouldBeReadWithItsEventsSecretAndTemplate() {
        WebhookEndpoint endpoint = mailbox(endpoint("url=\"https://chat.example.com/hooks/T1\" events=\"ticket.created sla.breached\" "
            + "template=\"chat.json\"")).webhooks().endpoint("chat").orElseThrow();

        assertThat(endpoint.url().toString()).isEqualTo("https://chat.example.com/hooks/T1");
        assertThat(endpoint.events()).containsExactlyInAnyOrder(WebhookEventType.TICKET_CREATED, WebhookEventType.SLA_BREACHED);
        assertThat(endpoint.secrets()).hasSize(1);
        assertThat(endpoint.template()).isPresent();
        assertThat(endpoint.allowPrivateNetwork()).isFalse();
    }

    @Test
    void aStarShouldSubscribeToEveryEventButRuleMatched() {
        WebhookEndpoint endpoint = mailbox(endpoint("url=\"https://chat.example.com/h\" events=\"*\"")).webhooks().endpoint("chat").orElseThrow();

        assertThat(endpoint.events()).hasSize(WebhookEventType.values().length - 1).doesNotContain(WebhookEventType.RULE_MATCHED);
    }

    @Test
    void retrySettingsShouldBeRead() {
        WebhookSettings settings = mailbox("    <webhooks first-retry=\"PT1S\" max-retry=\"PT1M\" give-up-after=\"PT24H\" timeout=\"PT3S\" "
            + "repository=\"cassandra://var/mail/webhooks/\"/>\n").webhooks();

        assertThat(settings.retries().firstRetry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.retries().maxRetry()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.retries().giveUpAfter()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.repository()).isEqualTo("cassandra://var/mail/webhooks/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8000/hook", "http://localhost/hook", "http://[::1]/hook", "https://10.1.2.3/h",
        "https://192.168.0.10/h", "https://172.16.5.4/h", "http://169.254.169.254/latest/meta-data", "http://[fe80::1]/h",
        "http://[fd00::1]/h", "http://0.0.0.0/h", "http://100.64.0.1/h", "http://2130706433/h"})
    void aUrlIntoThePrivateNetworkShouldBeRefusedAtLoadWithFileAndLine(String url) {
        assertThatThrownBy(() -> mailbox(endpoint("url=\"" + url + "\" events=\"ticket.created\"")))
            .hasMessageContaining("shared-mailboxes.xml:5: <endpoint> url '" + url + "' reaches a ")
            .hasMessageContaining("allow-private-network=\"true\"");
    }

    @Test
    void aUrlIntoThePrivateNetworkShouldBeAcceptedWithTheExplicitAllowance() {
        WebhookEndpoint endpoint = mailbox(endpoint("url=\"http://127.0.0.1:9999/hook\" allow-private-network=\"true\" events=\"*\""))
            .webhooks().endpoint("chat").orElseThrow();

        assertThat(endpoint.allowPrivateNetwork()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/h", "https://user:pass@example.com/h", "https://example.com/h#x", "not a url", "/relative"})
    void aUrlThatIsNotAPlainHttpUrlShouldBeRefused(String url) {
        assertThatThrownBy(() -> mailbox(endpoint("url=\"" + url + "\"")))
            .hasMessageContaining("shared-mailboxes.xml:5: <endpoint> url '" + url + "'");
    }

    @Test
    void anUnknownEventShouldBeRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> mailbox(endpoint("url=\"https://example.com/h\" events=\"ticket.created ticket.deleted\"")))
            .hasMessageContaining("<endpoint> events lists 'ticket.deleted', which is not an event; accepted: * or ticket.created,");
    }

    @Test
    void ruleMatchedShouldNotBeASubscription() {
        assertThatThrownBy(() -> mailbox(endpoint("url=\"https://example.com/h\" events=\"rule.matched\"")))
            .hasMessageContaining("only a rule sends");
    }

    @Test
    void anEndpointWithoutSecretShouldBeRefused() {
        assertThatThrownBy(() -> mailbox("<webhooks><endpoint name=\"chat\" url=\"https://example.com/h\"/></webhooks>"))
            .hasMessageContaining("<endpoint> has no <secret file=\"...\"/> or <secret env=\"...\"/>; every webhook is signed");
    }

    @Test
    void aSecretShouldNeverBeEchoedWhenRefused() {
        assertThatThrownBy(() -> mailbox("<webhooks><endpoint name=\"chat\" url=\"https://example.com/h\"><secret file=\"short.whsec\"/>"
            + "</endpoint></webhooks>"))
            .hasMessageContaining("<secret> the secret of file short.whsec holds 3 bytes; use 24 to 64 random bytes")
            .hasMessageNotContaining("AAAA");
    }

    @Test
    void aMissingSecretFileOrVariableShouldBeRefused() {
        assertThatThrownBy(() -> mailbox("<webhooks><endpoint name=\"chat\" url=\"https://example.com/h\"><secret file=\"gone.whsec\"/>"
            + "<secret env=\"TEAMINBOX_TEST_NO_SUCH_VARIABLE\"/></endpoint></webhooks>"))
            .hasMessageContaining("<secret> file 'gone.whsec' cannot be read")
            .hasMessageContaining("<secret> env 'TEAMINBOX_TEST_NO_SUCH_VARIABLE' is not set in James's environment");
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderShouldBeRefused() {
        assertThatThrownBy(() -> mailbox(endpoint("url=\"https://example.com/h\" template=\"bad.json\"")))
            .hasMessageContaining("template 'bad.json' uses unknown placeholder(s) [body]");
    }

    @Test
    void retriesOutOfBoundsShouldBeRefused() {
        assertThatThrownBy(() -> mailbox("<webhooks first-retry=\"PT0.01S\" give-up-after=\"P30D\" timeout=\"5s\"/>"))
            .hasMessageContaining("first-retry 'PT0.01S' is invalid")
            .hasMessageContaining("give-up-after 'P30D' is invalid")
            .hasMessageContaining("timeout '5s' is invalid");
    }

    @Test
    void twoEndpointsWithOneNameShouldBeRefused() {
        assertThatThrownBy(() -> mailbox("<webhooks>\n<endpoint name=\"chat\" url=\"https://example.com/a\"><secret file=\"chat.whsec\"/></endpoint>\n"
            + "<endpoint name=\"chat\" url=\"https://example.com/b\"><secret file=\"chat.whsec\"/></endpoint></webhooks>"))
            .hasMessageContaining("name 'chat' is already used at line");
    }

    @Test
    void aRuleWebhookActionShouldNameADeclaredEndpoint() {
        String rules = "    <rules><rule name=\"urgent\" when=\"subject:urgent\"><webhook endpoint=\"pager\"/></rule></rules>\n";

        assertThatThrownBy(() -> mailbox(endpoint("url=\"https://example.com/h\""), rules))
            .hasMessageContaining("<rule> webhook endpoint 'pager' is not declared in this shared mailbox's <webhooks>; declared: [chat]");
    }

    @Test
    void aRuleWebhookActionShouldBeRead() {
        String rules = "    <rules><rule name=\"urgent\" when=\"subject:urgent\"><webhook endpoint=\"chat\"/></rule></rules>\n";

        assertThat(mailbox(endpoint("url=\"https://example.com/h\""), rules).rules().rules().get(0).actions())
            .singleElement().isInstanceOfSatisfying(RuleAction.Webhook.class, action -> assertThat(action.endpoint()).isEqualTo("chat"));
    }
}
