package com.teaminbox.core.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.teaminbox.core.audit.AuditActor;
import com.teaminbox.core.audit.AuditChainWriter;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditEventType;
import com.teaminbox.core.audit.FlushPolicy;

class AuditCommandTest {
    @TempDir
    Path directory;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path file;

    @BeforeEach
    void writeTrail() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T09:00:00Z"), ZoneOffset.UTC);
        try (AuditChainWriter writer = new AuditChainWriter(directory, "mx1", clock, 100_000, FlushPolicy.FLUSH)) {
            writer.record(AuditEvent.of(AuditEventType.LOGIN_ACCEPTED, AuditActor.member("alice@example.test")).decision("accepted").build());
            writer.record(AuditEvent.of(AuditEventType.LOGIN_REFUSED, AuditActor.member("mallory@example.test")).decision("refused").build());
            writer.record(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test")).ticket("SUP-1").decision("accepted").build());
        }
        file = directory.resolve("audit-mx1-2026-11-27-0001.jsonl");
    }

    private int run(String... args) {
        return new AuditCommand(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8)).run(List.of(args));
    }

    private String out() {
        return out.toString(UTF_8);
    }

    @Test
    void verifyShouldExitZeroAndCountRecordsPerNode() {
        assertThat(run("verify", directory.toString())).isZero();
        assertThat(out()).isEqualTo("OK: node mx1: 3 records in 1 file\n");
    }

    @Test
    void verifyShouldExitOneAndNameTheBrokenRecord() throws IOException {
        List<String> lines = Files.readAllLines(file, UTF_8);
        Files.write(file, List.of(lines.get(0), lines.get(2)), UTF_8);

        assertThat(run("verify", file.toString())).isEqualTo(1);
        assertThat(out()).startsWith("BROKEN: " + file + ":2 seq 3: removed \u2014 seq 2 is missing");
    }

    @Test
    void verifyOfADirectoryWithoutAuditFilesShouldExitOne() throws IOException {
        assertThat(run("verify", Files.createDirectory(directory.resolve("empty")).toString())).isEqualTo(1);
        assertThat(out()).startsWith("BROKEN: no audit files");
    }

    @Test
    void verifyOfAMissingPathShouldBeAUsageError() {
        assertThat(run("verify", directory.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("no such file or directory");
    }

    @Test
    void verifyOfAFileNotNamedLikeAnAuditFileShouldBeAUsageError() throws IOException {
        assertThat(run("verify", Files.writeString(directory.resolve("notes.txt"), "x").toString())).isEqualTo(2);
    }

    @Test
    void missingOrUnknownSubcommandShouldBeAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("erase", directory.toString())).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("usage: audit verify");
    }

    @Test
    void searchShouldPrintMatchingRecordsAsJsonLinesOldestFirst() {
        assertThat(run("search", directory.toString(), "--actor", "alice@example.test", "--since", "2026-11-27")).isZero();

        assertThat(out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"v\":1,"));
        assertThat(out().lines().toList().get(1)).contains("\"seq\":3");
        assertThat(err.toString(UTF_8)).contains("page 1 of 1 (2 records, 50 a page)");
    }

    @Test
    void searchShouldApplyTypeTicketAndPaging() {
        assertThat(run("search", directory.toString(), "--type", "login-refused", "--page-size", "1")).isZero();
        assertThat(out()).contains("mallory@example.test").doesNotContain("alice");
    }

    @Test
    void searchWithBadArgumentsShouldBeAUsageError() {
        assertThat(run("search", directory.toString(), "--page-size", "0")).isEqualTo(2);
        assertThat(run("search", directory.toString(), "--type", "coffee-made")).isEqualTo(2);
        assertThat(run("search", directory.toString(), "--since", "yesterday")).isEqualTo(2);
        assertThat(run("search", directory.toString(), "--colour", "blue")).isEqualTo(2);
        assertThat(run("search", directory.toString(), "--page")).isEqualTo(2);
        assertThat(run("search")).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("pageSize must be between 1 and 1000: 0", "unknown type coffee-made",
            "--since yesterday", "unknown option --colour", "--page needs a value");
    }
}
