package com.teaminbox.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoginNameTest {
    @Test
    void targetAndMemberShouldBeReadAroundTheSeparator() {
        LoginName name = LoginName.parse("support@example.test*alice@example.test");

        assertThat(name.target().asString()).isEqualTo("support@example.test");
        assertThat(name.member().asString()).isEqualTo("alice@example.test");
    }

    @Test
    void toStringShouldGiveBackTheLoginName() {
        assertThat(LoginName.parse("support@example.test*alice@example.test"))
            .hasToString("support@example.test*alice@example.test");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "support@example.test",
        "*alice@example.test",
        "support@example.test*",
        "*",
        "support@example.test**alice@example.test",
        "support@example.test*alice@example.test*bob@example.test",
        "\"support@example.test\"*alice@example.test",
        "support@example.test*alice@example.test\r\nA1 LOGOUT",
        "support@example.test*alice@example.test\n",
        "support@example.test\0*alice@example.test",
        "support@example.test*ali\\ce@example.test",
        "support@example.test *alice@example.test",
        "support*alice@example.test",
        "support@exa mple.test*alice@example.test",
        "support@@example.test*alice@example.test"})
    void malformedNamesShouldBeRefused(String name) {
        assertThatThrownBy(() -> LoginName.parse(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusalShouldNameTheProblem() {
        assertThatThrownBy(() -> LoginName.parse("a@example.test*b@example.test*c@example.test"))
            .hasMessageContaining("more than one '*'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"support@example.test*alice@example.test", "a*b", "*"})
    void namesWithTheSeparatorShouldBeRecognisedAsMemberLogins(String name) {
        assertThat(LoginName.looksLikeMemberLogin(name)).isTrue();
    }

    @Test
    void plainUserNamesShouldNotBeRecognisedAsMemberLogins() {
        assertThat(LoginName.looksLikeMemberLogin("alice@example.test")).isFalse();
    }
}
