package com.teaminbox.core.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    /** The example of the Standard Webhooks reference libraries (svix), so a receiver using them verifies ours. */
    private static final WebhookSecret SPEC_SECRET = WebhookSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "test");

    @Test
    void signatureShouldMatchTheSpecificationExample() {
        assertThat(WebhookSignature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}", List.of(SPEC_SECRET)))
            .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void twoSecretsShouldGiveTwoSignaturesSeparatedBySpace() {
        WebhookSecret next = WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), "test");

        String header = WebhookSignature.header("msg_1", 1, "{}", List.of(SPEC_SECRET, next));

        assertThat(header.split(" ")).hasSize(2).allMatch(signature -> signature.startsWith("v1,"));
        assertThat(header).startsWith(WebhookSignature.header("msg_1", 1, "{}", List.of(SPEC_SECRET)) + " ");
    }

    @Test
    void theTimestampShouldBeSigned() {
        assertThat(WebhookSignature.header("msg_1", 1, "{}", List.of(SPEC_SECRET)))
            .isNotEqualTo(WebhookSignature.header("msg_1", 2, "{}", List.of(SPEC_SECRET)));
    }

    @Test
    void aSecretWithoutPrefixShouldBeRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "file chat.whsec"))
            .hasMessage("the secret of file chat.whsec does not start with 'whsec_'; write it as whsec_ followed by the key in base64 (docs/webhooks.md)");
    }

    @Test
    void aSecretShouldNotShowItsKey() {
        assertThat(SPEC_SECRET.toString()).isEqualTo("secret from test");
    }
}
