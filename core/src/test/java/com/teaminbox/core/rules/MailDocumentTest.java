package com.teaminbox.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailDocumentTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Jane <jane@customer.test>|Jane <jane@customer.test> customer.test",
        "jane@customer.test|jane@customer.test customer.test",
        "jane@customer.test (home)|jane@customer.test (home) customer.test",
        "jane@customer.test;x|jane@customer.test;x customer.test",
        "no address|no address",
        "jane@>|jane@>"})
    void addressShouldAlsoBeIndexedWithItsDomain(String address, String indexed) {
        assertThat(MailDocument.withDomain(address)).isEqualTo(indexed);
    }

    @Test
    void manyDelimitersBeforeALineBreakShouldCostLinearTime() {
        String address = "x@" + ";".repeat(200_000) + "\nend";

        String indexed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> MailDocument.withDomain(address));

        assertThat(indexed).isEqualTo(address);
    }
}
