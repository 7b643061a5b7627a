package com.teaminbox.james.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.teaminbox.james.imap.MemberAuthenticateProcessor.PlainResponse;

class PlainResponseTest {
    @Test
    void threePartsShouldGiveAuthorizationAuthenticationAndPassword() {
        PlainResponse response = PlainResponse.decode(base64("support@example.test\0alice@example.test\0demo")).orElseThrow();

        assertThat(response.authorizationAddress().orElseThrow().asString()).isEqualTo("support@example.test");
        assertThat(response.authenticationAddress().orElseThrow().asString()).isEqualTo("alice@example.test");
        assertThat(response.password()).isEqualTo("demo");
    }

    @Test
    void emptyAuthorizationIdentityShouldNotBeAnAddress() {
        PlainResponse response = PlainResponse.decode(base64("\0alice@example.test\0demo")).orElseThrow();

        assertThat(response.authorizationAddress()).isEmpty();
    }

    @Test
    void passwordsMayContainAnythingButNul() {
        assertThat(PlainResponse.decode(base64("support@example.test\0alice@example.test\0p a*s\"s")).orElseThrow().password())
            .isEqualTo("p a*s\"s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.test\0demo", "a\0b\0c\0d", "no separators"})
    void anythingButThreePartsShouldNotDecode(String response) {
        assertThat(PlainResponse.decode(base64(response))).isEmpty();
    }

    @Test
    void invalidBase64ShouldNotDecode() {
        assertThat(PlainResponse.decode("not base64 !")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.test\r\nx", "\"alice\"@example.test\u0001", "alice", "alice@@example.test"})
    void malformedAuthenticationIdentityShouldNotBeAnAddress(String authenticationId) {
        PlainResponse response = PlainResponse.decode(base64("support@example.test\0" + authenticationId + "\0demo")).orElseThrow();

        assertThat(response.authenticationAddress()).isEmpty();
    }

    @Test
    void toStringShouldNeverShowThePassword() {
        assertThat(PlainResponse.decode(base64("support@example.test\0alice@example.test\0secret")).orElseThrow().toString())
            .doesNotContain("secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0support@example.test\0*alice@example.test\0demo", "support@example.test*alice@example.test\0demo",
        "\0support@example.test\0\0*alice@example.test\0demo"})
    void aCombinedNameInAResponseThatIsNotThreePartsShouldBeSeen(String response) {
        assertThat(PlainResponse.decode(base64(response))).isEmpty();
        assertThat(PlainResponse.mentionsSeparator(base64(response))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.test\0pa*ss", "\0alice@example.test\0pa*ss", "not base64 !"})
    void aSeparatorOnlyInThePasswordShouldNotMakeAMemberLogin(String response) {
        assertThat(PlainResponse.mentionsSeparator(response.equals("not base64 !") ? response : base64(response))).isFalse();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
