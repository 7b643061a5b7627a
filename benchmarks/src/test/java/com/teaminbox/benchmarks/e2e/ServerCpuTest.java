package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerCpuTest {
    @Test
    void threadsShouldBeGroupedByNameWithoutNumbersLargestFirst() {
        ServerCpu earlier = new ServerCpu(1.0, Map.of(), Map.of(), Map.of("11", 0.5, "12", 0.25), Map.of("11", "spooler-", "12", "spooler-"));
        ServerCpu now = new ServerCpu(4.0, Map.of(), Map.of(), Map.of("11", 1.5, "12", 0.75, "13", 2.0, "14", 0.25),
            Map.of("11", "spooler-", "12", "spooler-", "13", "imapserver-io-", "14", "spooler-"));

        assertThat(now.minus(earlier).secondsByGroup()).containsExactly(Map.entry("imapserver-io-", 2.0), Map.entry("spooler-", 1.75));
    }
}
