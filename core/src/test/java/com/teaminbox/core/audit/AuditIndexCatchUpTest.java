package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditIndexCatchUpTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");
    private static final long SMALL_FILES = 2_000;

    @TempDir
    Path root;
    private final MutableClock clock = new MutableClock(START);

    private Path trail() {
        return root.resolve("audit");
    }

    private void write(String node, int records, String decision) {
        try (AuditChainWriter writer = new AuditChainWriter(trail(), node, clock, SMALL_FILES, FlushPolicy.FLUSH)) {
            for (int count = 0; count < records; count++) {
                clock.set(clock.instant().plus(Duration.ofSeconds(1)));
                writer.record(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
                    .sharedMailbox("support@example.test").decision(decision).build());
            }
        }
    }

    /** Opens the index kept in {@code root/index}, as a start does, and catches it up. */
    private AuditIndexCatchUp.Outcome start() throws IOException {
        try (AuditIndex index = open()) {
            return AuditIndexCatchUp.run(index, index.chains(), trail());
        }
    }

    private AuditIndex open() throws IOException {
        return new AuditIndex(FSDirectory.open(root.resolve("index")));
    }

    private AuditPage everything() throws IOException {
        try (AuditIndex index = open()) {
            return index.search(AuditQuery.builder().pageSize(1000).build());
        }
    }

    @Test
    void anEmptyIndexShouldGetEveryRecordWithoutARebuild() throws IOException {
        write("mx1", 20, "accepted");
        write("mx2", 10, "accepted");

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuilt()).isFalse();
        assertThat(outcome.recordsIndexed()).isEqualTo(30);
        assertThat(everything().totalHits()).isEqualTo(30);
    }

    @Test
    void aRestartShouldReadOnlyTheRecordsWrittenSinceTheLastOne() throws IOException {
        write("mx1", 20, "accepted");
        write("mx2", 10, "accepted");
        start();
        write("mx1", 5, "accepted");

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuilt()).isFalse();
        assertThat(outcome.recordsIndexed()).isEqualTo(5);
        assertThat(everything().records()).extracting(record -> record.node() + "/" + record.seq())
            .hasSize(35).doesNotHaveDuplicates().contains("mx1/25");
    }

    @Test
    void recordsAddedWhileCatchingUpShouldBeIndexedOnce() throws IOException {
        write("mx1", 20, "accepted");
        start();
        write("mx1", 3, "accepted");
        try (AuditIndex index = open()) {
            Map<String, IndexedChain> beforeAnyRecord = index.chains();
            try (AuditChainWriter live = new AuditChainWriter(trail(), "mx1", clock, SMALL_FILES, FlushPolicy.FLUSH)) {
                index.add(live.append(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("bob@example.test"))
                    .decision("accepted").build()));
            }

            AuditIndexCatchUp.Outcome outcome = AuditIndexCatchUp.run(index, beforeAnyRecord, trail());

            assertThat(outcome.rebuilt()).isFalse();
            assertThat(index.search(AuditQuery.builder().pageSize(1000).build()).records())
                .extracting(AuditRecord::seq).hasSize(24).doesNotHaveDuplicates();
        }
    }

    @Test
    void anIndexMissingARecordShouldBeRebuilt() throws IOException {
        write("mx1", 20, "accepted");
        try (AuditIndex index = open()) {
            for (AuditRecord record : readAll()) {
                if (record.seq() != 7) {
                    index.add(record);
                }
            }
            index.commit();
        }

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("node mx1"));
        assertThat(everything().totalHits()).isEqualTo(20);
    }

    @Test
    void removedFilesShouldLeaveTheIndexWithThem() throws IOException {
        write("mx1", 30, "accepted");
        start();
        Path oldest;
        try (Stream<Path> files = Files.list(trail())) {
            oldest = files.sorted().findFirst().orElseThrow();
        }
        long removed = AuditLines.read(oldest).size();
        Files.delete(oldest);

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuilt()).isTrue();
        assertThat(everything().totalHits()).isEqualTo(30 - removed);
    }

    @Test
    void aNodeWhoseFilesAreGoneShouldLeaveTheIndex() throws IOException {
        write("mx1", 5, "accepted");
        write("mx2", 5, "accepted");
        start();
        try (Stream<Path> files = Files.list(trail())) {
            for (Path file : files.filter(path -> path.getFileName().toString().contains("-mx2-")).toList()) {
                Files.delete(file);
            }
        }

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("mx2"));
        assertThat(everything().records()).extracting(AuditRecord::node).containsOnly("mx1");
    }

    @Test
    void filesRewrittenSinceTheLastStartShouldBeReadAgain() throws IOException {
        write("mx1", 10, "accepted");
        start();
        try (Stream<Path> files = Files.list(trail())) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        write("mx1", 10, "refused");

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("record 10"));
        assertThat(everything().records()).extracting(AuditRecord::decision).containsOnly("refused");
    }

    private List<AuditRecord> readAll() throws IOException {
        try (Stream<Path> files = Files.list(trail())) {
            List<AuditRecord> records = new java.util.ArrayList<>();
            for (Path file : files.sorted().toList()) {
                AuditLines.read(file).forEach(line -> line.record().ifPresent(records::add));
            }
            return records;
        }
    }
}
