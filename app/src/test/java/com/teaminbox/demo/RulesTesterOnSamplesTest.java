package com.teaminbox.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.tools.RulesTester;

/**
 * Pins what the offline rules tester prints for the sample corpus with the demo configuration:
 * the documented output (samples/expected-output.txt) is what the command really prints.
 */
class RulesTesterOnSamplesTest {
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final Path DEMO_CONFIGURATION = Path.of("..", "conf", "shared-mailboxes.xml");

    @Test
    void outputOnTheSampleCorpusShouldBeTheDocumentedOne() throws Exception {
        List<Path> mails;
        try (Stream<Path> files = Files.list(SAMPLES)) {
            mails = files.filter(path -> path.toString().endsWith(".eml")).sorted().collect(Collectors.toList());
        }
        RulesTester tester = new RulesTester(new SharedMailboxesConfigurationParser().parse(DEMO_CONFIGURATION),
            Clock.fixed(Instant.parse("2026-11-27T09:30:00Z"), ZoneId.of("UTC")));
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        tester.test(mails, new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(output.toString(StandardCharsets.UTF_8))
            .isEqualTo(Files.readString(SAMPLES.resolve("expected-output.txt"), StandardCharsets.UTF_8));
    }
}
