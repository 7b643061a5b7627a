package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditChainWriterTest {
    private static final Instant MORNING = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    Path directory;
    private final MutableClock clock = new MutableClock(MORNING);

    private AuditChainWriter writer(long maxFileBytes) {
        return new AuditChainWriter(directory, "mx1", clock, maxFileBytes, FlushPolicy.FLUSH);
    }

    static AuditEvent event(int number) {
        return AuditEvent.of(AuditEventType.MAIL_RECEIVED, AuditActor.externalSender("sender" + number + "@example.test"))
            .sharedMailbox("support@example.test").decision("accepted").detail("number", number).build();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.sorted().toList();
        }
    }

    private List<AuditRecord> records(Path file) throws IOException {
        return Files.readAllLines(file, UTF_8).stream().map(AuditRecord::parse).toList();
    }

    private NodeVerification verify() throws IOException {
        return new AuditVerifier().verify(List.of(directory)).node("mx1").orElseThrow();
    }

    @Test
    void recordsShouldChainFromGenesisInTheDaysFirstFile() throws IOException {
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            writer.record(event(2));
        }

        List<AuditRecord> records = records(directory.resolve("audit-mx1-2026-11-27-0001.jsonl"));

        assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L);
        assertThat(records.get(0).prev()).isEqualTo(AuditRecord.GENESIS);
        assertThat(records.get(1).prev()).isEqualTo(records.get(0).hash());
        assertThat(records.get(0).time()).isEqualTo(MORNING);
    }

    @Test
    void appendShouldReturnTheRecordAsWritten() throws IOException {
        AuditRecord appended;
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            appended = writer.append(event(2));
        }

        assertThat(records(directory.resolve("audit-mx1-2026-11-27-0001.jsonl")).get(1)).isEqualTo(appended);
        assertThat(appended.seq()).isEqualTo(2);
    }

    @Test
    void concurrentWritersShouldLeaveOneVerifiableChain() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (AuditChainWriter writer = writer(1024 * 1024)) {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                done.add(threads.submit(() -> {
                    for (int number = 0; number < 10_000; number++) {
                        writer.record(event(number));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }

        NodeVerification verification = verify();

        assertThat(verification.firstBreak()).isEmpty();
        assertThat(verification.verifiedRecords()).isEqualTo(80_000);
        assertThat(verification.files()).isGreaterThan(1);
    }

    @Test
    void sizeLimitShouldRotateToTheNextFileOfTheDayAndKeepTheChain() throws IOException {
        try (AuditChainWriter writer = writer(700)) {
            for (int number = 0; number < 5; number++) {
                writer.record(event(number));
            }
        }

        List<Path> files = files();

        assertThat(files).extracting(path -> path.getFileName().toString())
            .contains("audit-mx1-2026-11-27-0001.jsonl", "audit-mx1-2026-11-27-0002.jsonl");
        assertThat(files).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(700));
        assertThat(records(files.get(1)).get(0).prev()).isEqualTo(records(files.get(0)).get(records(files.get(0)).size() - 1).hash());
        assertThat(verify().verifiedRecords()).isEqualTo(5);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aGroupShouldBeWrittenAsTheSameChainAsRecordsOneByOne() throws IOException {
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(0));
            AuditChainWriter.Appended appended = writer.appendAll(List.of(event(1), event(2), event(3)));

            assertThat(appended.failure()).isEmpty();
            assertThat(appended.records()).extracting(AuditRecord::seq).containsExactly(2L, 3L, 4L);
        }

        List<AuditRecord> records = records(directory.resolve("audit-mx1-2026-11-27-0001.jsonl"));
        assertThat(records).extracting(record -> record.details().get("number")).containsExactly("0", "1", "2", "3");
        assertThat(verify().verifiedRecords()).isEqualTo(4);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aGroupShouldRotateFilesAtTheSizeLimitAsRecordsOneByOneDo() throws IOException {
        try (AuditChainWriter writer = writer(700)) {
            writer.appendAll(List.of(event(0), event(1), event(2), event(3), event(4)));
        }

        List<Path> files = files();
        assertThat(files).hasSizeGreaterThan(1);
        assertThat(files).allSatisfy(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(700));
        assertThat(verify().verifiedRecords()).isEqualTo(5);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aGroupThatCannotBeWrittenShouldKeepNothingOfItAndLeaveTheChainWhereItWas() throws IOException {
        Path moved = directory.resolveSibling(directory.getFileName() + "-moved-group");
        try (AuditChainWriter writer = new AuditChainWriter(directory.resolve("audit"), "mx1", clock, 1000, FlushPolicy.FLUSH)) {
            writer.record(event(1));
            Files.move(directory.resolve("audit"), moved);
            Files.writeString(directory.resolve("audit"), "a file where the directory was");
            clock.advance(Duration.ofDays(1));

            AuditChainWriter.Appended appended = writer.appendAll(List.of(event(2), event(3)));

            assertThat(appended.records()).isEmpty();
            assertThat(appended.failure()).get().extracting(Throwable::getMessage).asString()
                .contains("Cannot write the audit trail of node mx1");
            Files.delete(directory.resolve("audit"));
            Files.move(moved, directory.resolve("audit"));
            writer.record(event(4));
        }

        AuditVerification verification = new AuditVerifier().verify(List.of(directory.resolve("audit")));
        assertThat(verification.intact()).isTrue();
        assertThat(verification.node("mx1").orElseThrow().verifiedRecords()).isEqualTo(2);
    }

    @Test
    void recordLargerThanTheLimitShouldGetAFileOfItsOwn() throws IOException {
        try (AuditChainWriter writer = writer(10)) {
            writer.record(event(1));
            writer.record(event(2));
        }

        assertThat(files()).hasSize(2);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void newUtcDayShouldStartANewFileAndKeepTheChain() throws IOException {
        clock.set(Instant.parse("2026-11-27T23:59:59.999Z"));
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            clock.advance(Duration.ofMillis(1));
            writer.record(event(2));
        }

        List<AuditRecord> nextDay = records(directory.resolve("audit-mx1-2026-11-28-0001.jsonl"));

        assertThat(nextDay).extracting(AuditRecord::seq).containsExactly(2L);
        assertThat(nextDay.get(0).prev()).isEqualTo(records(directory.resolve("audit-mx1-2026-11-27-0001.jsonl")).get(0).hash());
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void clockGoingBackShouldStayInTheNewestFile() throws IOException {
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            clock.advance(Duration.ofDays(-1));
            writer.record(event(2));
        }

        assertThat(files()).extracting(path -> path.getFileName().toString()).containsExactly("audit-mx1-2026-11-27-0001.jsonl");
        assertThat(verify().verifiedRecords()).isEqualTo(2);
    }

    @Test
    void restartShouldResumeTheChainInTheSameFile() throws IOException {
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            writer.record(event(2));
        }
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(3));
        }

        assertThat(records(directory.resolve("audit-mx1-2026-11-27-0001.jsonl"))).extracting(AuditRecord::seq)
            .containsExactly(1L, 2L, 3L);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void restartAfterATornLineShouldChainFromTheLastCompleteRecordInANewFile() throws IOException {
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            writer.record(event(2));
        }
        Path torn = directory.resolve("audit-mx1-2026-11-27-0001.jsonl");
        Files.writeString(torn, "{\"v\":1,\"seq\":3,\"ti", StandardOpenOption.APPEND);

        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(3));
        }

        List<AuditRecord> resumed = records(directory.resolve("audit-mx1-2026-11-27-0002.jsonl"));
        assertThat(resumed).extracting(AuditRecord::seq).containsExactly(3L);
        assertThat(resumed.get(0).prev()).isEqualTo(AuditRecord.parse(Files.readAllLines(torn, UTF_8).get(1)).hash());
        NodeVerification verification = verify();
        assertThat(verification.verifiedRecords()).isEqualTo(2);
        assertThat(verification.firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
            assertThat(broken.file()).hasFileName("audit-mx1-2026-11-27-0001.jsonl");
            assertThat(broken.line()).isEqualTo(3);
            assertThat(broken.seq()).isEqualTo(3);
            assertThat(broken.explanation()).contains("the chain resumes in", "audit-mx1-2026-11-27-0002.jsonl");
        });
    }

    @Test
    void unwritableDirectoryShouldFailWithoutAdvancingTheChain() throws IOException {
        Path moved = directory.resolveSibling(directory.getFileName() + "-moved");
        try (AuditChainWriter writer = new AuditChainWriter(directory.resolve("audit"), "mx1", clock, 1000, FlushPolicy.FLUSH)) {
            writer.record(event(1));
            writer.record(event(2));
            Files.move(directory.resolve("audit"), moved);
            Files.writeString(directory.resolve("audit"), "a file where the directory was");
            clock.advance(Duration.ofDays(1));

            assertThatThrownBy(() -> writer.record(event(3)))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("Cannot write the audit trail of node mx1");

            Files.delete(directory.resolve("audit"));
            Files.move(moved, directory.resolve("audit"));
            writer.record(event(4));
        }

        AuditVerification verification = new AuditVerifier().verify(List.of(directory.resolve("audit")));
        assertThat(verification.intact()).isTrue();
        assertThat(verification.node("mx1").orElseThrow().verifiedRecords()).isEqualTo(3);
        assertThat(records(directory.resolve("audit/audit-mx1-2026-11-28-0001.jsonl")).get(0).details())
            .containsEntry("number", "4");
    }

    @Test
    void directoryThatCannotBeCreatedShouldMakeTheTrailUnavailable() throws IOException {
        Files.writeString(directory.resolve("taken"), "a file");

        assertThatThrownBy(() -> new AuditChainWriter(directory.resolve("taken"), "mx1", clock, 1000, FlushPolicy.FORCE))
            .isInstanceOf(AuditUnavailableException.class);
    }

    @Test
    void forceModeShouldWriteAVerifiableChain() throws IOException {
        try (AuditChainWriter writer = new AuditChainWriter(directory, "mx1", clock, 1000, FlushPolicy.FORCE)) {
            writer.record(event(1));
            writer.record(event(2));
        }

        assertThat(verify().verifiedRecords()).isEqualTo(2);
    }

    @Test
    void invalidNodeNameShouldBeRefused() {
        assertThatThrownBy(() -> new AuditChainWriter(directory, "../mx1", clock, 1000, FlushPolicy.FLUSH))
            .hasMessageContaining("Invalid audit node name '../mx1'");
    }

    @Test
    void closedWriterShouldRefuseRecords() {
        AuditChainWriter writer = writer(1000);
        writer.close();

        assertThatThrownBy(() -> writer.record(event(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anInterruptedThreadShouldWriteItsRecordsIntoTheSameFileAndKeepItsInterrupt() throws IOException {
        try (AuditChainWriter writer = writer(AuditChainWriter.DEFAULT_MAX_FILE_BYTES)) {
            writer.record(event(1));
            Thread.currentThread().interrupt();
            try {
                writer.record(event(2));
                writer.record(event(3));
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
            writer.record(event(4));
        }

        // A FileChannel would have been closed by the interrupt, with the line written and the chain not advanced.
        assertThat(files()).hasSize(1);
        assertThat(verify().verifiedRecords()).isEqualTo(4);
        assertThat(verify().intact()).isTrue();
    }
}
