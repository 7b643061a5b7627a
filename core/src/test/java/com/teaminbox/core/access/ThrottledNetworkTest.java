package com.teaminbox.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThrottledNetworkTest {
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "192.0.2.7|192.0.2.7",
        "2001:db8:1:2:aaaa::1|2001:db8:1:2::/64",
        "2001:db8:1:2:bbbb:cccc:dddd:eeee|2001:db8:1:2::/64",
        "[2001:DB8:1:2::9]|2001:db8:1:2::/64",
        "fe80::1%eth0|fe80:0:0:0::/64",
        "::ffff:192.0.2.7|192.0.2.7",
        "unknown|unknown",
        "2001:db8::zz|2001:db8::zz",
    })
    void addressesShouldBeCountedByTheirNetwork(String address, String network) {
        assertThat(ThrottledNetwork.of(address)).isEqualTo(network);
    }
}
