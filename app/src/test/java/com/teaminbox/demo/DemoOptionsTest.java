package com.teaminbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    @Test
    void defaultsShouldBeTheDemo() {
        DemoOptions options = DemoOptions.parse(new String[0]);

        assertThat(options.home()).isEqualTo(Path.of("demo-home"));
        assertThat(options.randomPorts()).isFalse();
        assertThat(options.naiveThreadIds()).isFalse();
    }

    @Test
    void benchmarkOptionsShouldBeRead() {
        DemoOptions options = DemoOptions.parse(new String[] {"--home", "h", "--random-ports", "--naive-thread-ids", "--conf-overrides", "c"});

        assertThat(options.home()).isEqualTo(Path.of("h"));
        assertThat(options.randomPorts()).isTrue();
        assertThat(options.naiveThreadIds()).isTrue();
        assertThat(options.confOverrides()).contains(Path.of("c"));
    }

    @Test
    void unknownOptionShouldBeNamedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> DemoOptions.parse(new String[] {"--fast"}))
            .hasMessageContaining("'--fast'")
            .hasMessageContaining("--naive-thread-ids");
    }
}
