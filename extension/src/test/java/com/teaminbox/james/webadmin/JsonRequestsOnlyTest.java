package com.teaminbox.james.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRequestsOnlyTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=UTF-8", " application/json ;x=y"})
    void jsonShouldBeAccepted(String contentType) {
        assertThat(JsonRequestsOnly.isJson(Optional.of(contentType))).isTrue();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain",
        "text/plain; x=application/json", "application/jsonp", "application/json-seq", "", "json"})
    void whatAFormCanSendOrAnythingElseShouldBeRefused(String contentType) {
        assertThat(JsonRequestsOnly.isJson(Optional.of(contentType))).isFalse();
    }

    @Test
    void noContentTypeShouldBeRefused() {
        assertThat(JsonRequestsOnly.isJson(Optional.empty())).isFalse();
    }
}
