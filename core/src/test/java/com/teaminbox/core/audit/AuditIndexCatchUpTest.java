package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
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
            return AuditIndexCatchUp.run(index, trail(), () -> false);
        }
    }

    private AuditIndex open() throws IOException {
        return new AuditIndex(FSDirectory.open(root.resolve("index")), trail());
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

    /**
     * Opens mx1's live writer, writes one record with it, then catches the index up with the files,
     * the live record handed to the index once the catch-up has checked it, as the server does.
     */
    private AuditIndexCatchUp.Outcome catchUpWithOneRecordWrittenLive(AuditIndex index) throws IOException {
        try (AuditChainWriter live = new AuditChainWriter(trail(), "mx1", clock, SMALL_FILES, FlushPolicy.FLUSH)) {
            long liveFrom = live.nextSeq();
            List<LocatedRecord> written = live.appendAll(List.of(AuditEvent.of(AuditEventType.FLAGS_CHANGED,
                AuditActor.member("bob@example.test")).decision("accepted").build())).located();
            return AuditIndexCatchUp.run(index, trail(), Map.of("mx1", liveFrom), checked -> addLive(index, written), () -> false);
        }
    }

    @Test
    void recordsWrittenLiveDuringTheCatchUpShouldBeIndexedOnce() throws IOException {
        write("mx1", 20, "accepted");
        start();
        write("mx1", 3, "accepted");
        try (AuditIndex index = open()) {
            AuditIndexCatchUp.Outcome outcome = catchUpWithOneRecordWrittenLive(index);

            assertThat(outcome.rebuilt()).isFalse();
            assertThat(outcome.recordsIndexed()).isEqualTo(3);
            assertThat(index.search(AuditQuery.builder().pageSize(1000).build()).records())
                .extracting(AuditRecord::seq).hasSize(24).doesNotHaveDuplicates();
        }
    }

    @Test
    void recordsWrittenLiveDuringARebuildShouldBeIndexedOnce() throws IOException {
        write("mx1", 20, "accepted");
        start();
        Files.delete(oldestFile());
        try (AuditIndex index = open()) {
            AuditIndexCatchUp.Outcome outcome = catchUpWithOneRecordWrittenLive(index);

            assertThat(outcome.rebuilt()).isTrue();
            assertThat(index.search(AuditQuery.builder().pageSize(1000).build()).records())
                .isEqualTo(readAll().stream().map(LocatedRecord::record).toList()).extracting(AuditRecord::seq).contains(21L);
        }
    }

    private static void addLive(AuditIndex index, List<LocatedRecord> written) {
        try {
            index.addNew(written);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aGapInTheIndexShouldBeReadAgainFromItsStartWithoutARebuild() throws IOException {
        write("mx1", 20, "accepted");
        try (AuditIndex index = open()) {
            for (LocatedRecord record : readAll()) {
                if (record.record().seq() != 7) {
                    index.add(record);
                }
            }
            AuditIndexCatchUp.commit(index, trail(), Map.of());
        }

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuilt()).isFalse();
        assertThat(outcome.recordsIndexed()).as("seq 7 to 20 read again, 8 to 20 held already").isEqualTo(1);
        assertThat(outcome.readThrough()).isEqualTo(Map.of("mx1", 20L));
        assertThat(everything().records()).extracting(AuditRecord::seq).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void aDamagedLineShouldNotBeLookedForAgainAtEveryStart() throws IOException {
        write("mx1", 20, "accepted");
        damageLine(oldestFile(), 1);
        damageLine(oldestFile(), 3);
        AuditIndexCatchUp.Outcome first = start();

        AuditIndexCatchUp.Outcome second = start();
        write("mx1", 1, "accepted");
        AuditIndexCatchUp.Outcome third = start();

        assertThat(first.recordsIndexed()).isEqualTo(18);
        assertThat(second).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 0, Map.of("mx1", 20L)));
        assertThat(third).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 1, Map.of("mx1", 21L)));
        assertThat(everything().totalHits()).isEqualTo(19);
    }

    @Test
    void aShorterCopyInASubfolderShouldNotMakeEveryStartARebuild() throws IOException {
        write("mx1", 30, "accepted");
        Path copy = Files.createDirectories(trail().resolve("backup")).resolve(oldestFile().getFileName());
        Files.write(copy, Files.readAllLines(oldestFile()).subList(0, 1));
        start();

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuilt()).isFalse();
        assertThat(outcome.recordsIndexed()).isZero();
    }

    @Test
    void aCopyInASubfolderShouldNotMakeItsRecordsFoundTwice() throws IOException {
        write("mx1", 30, "accepted");
        Path copy = Files.createDirectories(trail().resolve("backup")).resolve(oldestFile().getFileName());
        Files.copy(oldestFile(), copy);

        AuditIndexCatchUp.Outcome first = start();
        AuditIndexCatchUp.Outcome second = start();

        assertThat(first.recordsIndexed()).isEqualTo(30);
        assertThat(second).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 0, Map.of("mx1", 30L)));
        assertThat(everything().records()).isEqualTo(readAll().stream().map(LocatedRecord::record).toList())
            .extracting(AuditRecord::seq).hasSize(30).doesNotHaveDuplicates();
    }

    /** Past 2^31: seqs are never reset, a busy node gets there. */
    private static final long HIGH_SEQ = 3_000_000_000L;

    @Test
    void recordsNumberedPastTwoToThe31ShouldBeIndexedOnceAndFound() throws IOException {
        startTrailAt("mx1", HIGH_SEQ);
        write("mx1", 29, "accepted");
        Path copy = Files.createDirectories(trail().resolve("backup")).resolve(oldestFile().getFileName());
        Files.copy(oldestFile(), copy);

        AuditIndexCatchUp.Outcome first = start();
        write("mx1", 5, "accepted");
        AuditIndexCatchUp.Outcome restart = start();

        assertThat(first.rebuilt()).isFalse();
        assertThat(first.recordsIndexed()).isEqualTo(30);
        assertThat(restart).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 5, Map.of("mx1", HIGH_SEQ + 34)));
        assertThat(everything().records()).isEqualTo(readAll().stream().map(LocatedRecord::record).toList())
            .extracting(AuditRecord::seq).hasSize(35).doesNotHaveDuplicates().contains(HIGH_SEQ, HIGH_SEQ + 34);
    }

    @Test
    void aRebuildOfFilesStartingPastTwoToThe31ShouldIndexEachRecordOnce() throws IOException {
        startTrailAt("mx1", HIGH_SEQ);
        write("mx1", 29, "accepted");
        write("mx2", 3, "accepted");
        Path copy = Files.createDirectories(trail().resolve("backup")).resolve(oldestFile().getFileName());
        Files.copy(oldestFile(), copy);

        try (AuditIndex index = open()) {
            assertThat(index.rebuildFrom(List.of(trail()))).isEqualTo(33);
        }

        assertThat(everything().records()).extracting(record -> record.node() + "/" + record.seq())
            .hasSize(33).doesNotHaveDuplicates().contains("mx1/" + HIGH_SEQ, "mx1/" + (HIGH_SEQ + 29), "mx2/3");
    }

    @Test
    void anIndexedLineNumberedFarAboveTheOthersShouldNotStopTheNextStart() throws IOException {
        write("mx1", 20, "accepted");
        List<LocatedRecord> written = readAll();
        long far = 1L << 40;
        AuditRecord forged = AuditRecord.chain(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("mallory@example.test"))
            .decision("accepted").build(), "mx1", far, START.plus(Duration.ofHours(1)), written.get(written.size() - 1).record().hash());
        Files.writeString(newestFile(), forged.toJson() + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(start().recordsIndexed()).isEqualTo(21);

        AuditIndexCatchUp.Outcome restart = start();

        assertThat(restart).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 0, Map.of("mx1", far)));
        try (AuditIndex index = open()) {
            IndexedChain chain = index.committed().chains().get("mx1");
            assertThat(chain.distinct()).isEqualTo(21);
            assertThat(chain.gaplessFrom(1)).isEqualTo(20);
            assertThat(chain.holds(far)).isTrue();
            assertThat(chain.holds(21)).isFalse();
            assertThat(chain.present()).hasValueSatisfying(seqs -> assertThat(seqs.allocatedBits()).isLessThanOrEqualTo(2 * SeqSet.MIN_SPAN));
        }
    }

    /**
     * A trail whose older files were archived: its oldest file starts at {@code seq} (chained to
     * an archived record), and writers go on from there.
     */
    private void startTrailAt(String node, long seq) throws IOException {
        clock.set(clock.instant().plus(Duration.ofSeconds(1)));
        AuditRecord record = AuditRecord.chain(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("alice@example.test"))
            .sharedMailbox("support@example.test").decision("accepted").build(), node, seq, clock.instant(), "ab".repeat(32));
        Path file = Files.createDirectories(trail()).resolve(AuditFile.first(node, java.time.LocalDate.ofInstant(clock.instant(),
            java.time.ZoneOffset.UTC)).fileName());
        Files.writeString(file, record.toJson() + "\n");
    }

    @Test
    void anIndexHoldingARecordTwiceBesideAGapShouldBeRebuiltWithTheMissingRecord() throws IOException {
        write("mx1", 20, "accepted");
        try (AuditIndex index = open()) {
            for (LocatedRecord record : readAll()) {
                if (record.record().seq() != 7) {
                    index.add(record);
                }
                if (record.record().seq() == 3) {
                    index.add(record);
                }
            }
            // as many documents as a gapless chain of 1 to 20 would have
            AuditIndexCatchUp.commit(index, trail(), Map.of());
        }

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("more than once"));
        assertThat(everything().records()).isEqualTo(readAll().stream().map(LocatedRecord::record).toList())
            .extracting(AuditRecord::seq).hasSize(20).doesNotHaveDuplicates().contains(7L);
    }

    @Test
    void anIndexFromAnEarlierVersionShouldBeRebuiltOnce() throws IOException {
        write("mx1", 10, "accepted");
        try (AuditIndex index = open()) {
            for (LocatedRecord record : readAll()) {
                index.add(record);
            }
            index.commit(Map.of());
        }

        assertThat(start().rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("earlier version"));
        assertThat(start()).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 0, Map.of("mx1", 10L)));
    }

    @Test
    void aCatchUpAskedToStopShouldStop() throws IOException {
        write("mx1", 10, "accepted");
        try (AuditIndex index = open()) {
            assertThatThrownBy(() -> AuditIndexCatchUp.run(index, trail(), () -> true)).isInstanceOf(AuditIndexCatchUp.Stopped.class);
        }
    }

    @Test
    void aFileRemovedFromTheMiddleShouldLeaveTheIndexWithItsRecords() throws IOException {
        write("mx1", 30, "accepted");
        start();
        List<Path> files = filesInOrder();
        Path middle = files.get(1);
        long removed = AuditLines.read(middle).size();
        Files.delete(middle);

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(files).hasSizeGreaterThan(2);
        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains(middle.getFileName().toString()));
        assertThat(everything().totalHits()).isEqualTo(30 - removed);
    }

    @Test
    void aFileCutShouldLeaveTheIndexWithTheRecordsCutOff() throws IOException {
        write("mx1", 30, "accepted");
        start();
        Path newest = newestFile();
        List<String> lines = Files.readAllLines(newest);
        Files.write(newest, lines.subList(0, lines.size() - 1));

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("shorter"));
        assertThat(everything().totalHits()).isEqualTo(29);
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

        assertThat(outcome.rebuilt()).isTrue();
        assertThat(everything().records()).extracting(AuditRecord::decision).containsOnly("refused");
    }

    @Test
    void theLastIndexedRecordReplacedByAnotherRecordOfTheSameSeqAndLengthShouldLeadToARebuild() throws IOException {
        write("mx1", 10, "accepted");
        start();
        List<Long> sizes = new java.util.ArrayList<>();
        for (Path file : filesInOrder()) {
            sizes.add(Files.size(file));
            Files.delete(file);
        }
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        write("mx1", 10, "accepted");
        assertThat(filesInOrder()).extracting(Files::size).as("the files look as before").isEqualTo(sizes);

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("record 10"));
        assertThat(everything().records()).isEqualTo(readAll().stream().map(LocatedRecord::record).toList());
    }

    @Test
    void theLastIndexedRecordChangedInItsFileShouldLeadToARebuild() throws IOException {
        write("mx1", 10, "accepted");
        start();
        Path newest = newestFile();
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(newest));
        lines.set(lines.size() - 1, lines.get(lines.size() - 1).replace("\"accepted\"", "\"accepted, in fact refused\""));
        Files.write(newest, lines);

        AuditIndexCatchUp.Outcome outcome = start();

        assertThat(outcome.rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("record 10"));
        assertThat(everything().records()).as("the index shows the files as they are; ./audit verify tells the change")
            .extracting(AuditRecord::decision).hasSize(10).contains("accepted, in fact refused");
    }

    private List<Path> filesInOrder() throws IOException {
        try (Stream<Path> files = Files.list(trail())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Path newestFile() throws IOException {
        List<Path> files = filesInOrder();
        return files.get(files.size() - 1);
    }

    private Path oldestFile() throws IOException {
        return filesInOrder().get(0);
    }

    /** Replaces a line's bytes with as many that are not a record. */
    private static void damageLine(Path file, int number) throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(number - 1, "x".repeat(lines.get(number - 1).length()));
        Files.write(file, lines);
    }

    private List<LocatedRecord> readAll() throws IOException {
        try (Stream<Path> files = Files.list(trail())) {
            List<LocatedRecord> records = new java.util.ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                AuditLines.read(file).forEach(line -> line.located().ifPresent(records::add));
            }
            return records;
        }
    }

    @Test
    void anIndexThatStoresWholeRecordsShouldBeRebuiltOnceFromTheFiles() throws IOException {
        write("mx1", 10, "accepted");
        try (AuditIndex index = open()) {
            for (LocatedRecord record : readAll()) {
                index.add(record);
            }
            // What the version that stored records whole committed: the files and what was read, no format.
            StringBuilder listing = new StringBuilder();
            for (Path file : filesInOrder()) {
                listing.append(file.getFileName()).append('=').append(Files.size(file)).append('\n');
            }
            index.commit(Map.of(AuditIndexCatchUp.FILES, listing.toString(), AuditIndexCatchUp.READ_THROUGH, "mx1=10\n"));
        }

        assertThat(start().rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("stores whole records"));
        assertThat(start()).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 0, Map.of("mx1", 10L)));
        assertThat(everything().records()).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void anIndexThatFingerprintsLinesByTheirTextShouldBeRebuiltOnceWithTheSameAnswers() throws IOException {
        write("mx1", 12, "accepted");
        write("mx2", 7, "refused");
        writeIndexAsTheTextFingerprintFormatDid();
        List<AuditRecord> before = everything().records();

        assertThat(start().rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("fingerprints each line by its text"));
        assertThat(start()).isEqualTo(new AuditIndexCatchUp.Outcome(Optional.empty(), 0, Map.of("mx1", 12L, "mx2", 7L)));
        assertThat(everything().records()).isEqualTo(before)
            .containsExactlyInAnyOrderElementsOf(readAll().stream().map(LocatedRecord::record).toList());
    }

    @Test
    void anIndexInAFormatItDoesNotKnowShouldBeRebuilt() throws IOException {
        write("mx1", 10, "accepted");
        start();
        try (AuditIndex index = open()) {
            Map<String, String> data = new java.util.HashMap<>(index.committed().data());
            data.put(AuditIndexCatchUp.FORMAT, "located-blocks");
            index.commit(data);
        }

        assertThat(start().rebuiltBecause()).hasValueSatisfying(reason -> assertThat(reason).contains("format located-blocks"));
        assertThat(everything().records()).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    /**
     * The index as the format {@code located-records} (2026-12-06) wrote it: each record's fields,
     * its place and its line's {@link String#hashCode} as fingerprint; committed with the files read.
     */
    private void writeIndexAsTheTextFingerprintFormatDid() throws IOException {
        try (IndexWriter writer = new IndexWriter(FSDirectory.open(root.resolve("index")), new IndexWriterConfig(new KeywordAnalyzer()))) {
            for (LocatedRecord located : readAll()) {
                AuditRecord record = located.record();
                Document document = new Document();
                document.add(new StringField("id", record.node() + "/" + record.seq(), Field.Store.NO));
                document.add(new LongPoint("time", record.time().toEpochMilli()));
                document.add(new NumericDocValuesField("time", record.time().toEpochMilli()));
                document.add(new SortedDocValuesField("node", new BytesRef(record.node())));
                document.add(new NumericDocValuesField("seq", record.seq()));
                document.add(new StringField("type", record.type().wireName(), Field.Store.NO));
                document.add(new StringField("actor", record.actor().name().toLowerCase(java.util.Locale.ROOT), Field.Store.NO));
                record.mailbox().ifPresent(mailbox -> document.add(new StringField("mailbox", mailbox, Field.Store.NO)));
                document.add(new SortedDocValuesField("file", new BytesRef(located.file().getFileName().toString())));
                document.add(new NumericDocValuesField("offset", located.offset()));
                document.add(new NumericDocValuesField("fingerprint", record.toJson().hashCode()));
                writer.addDocument(document);
            }
            StringBuilder listing = new StringBuilder();
            for (Path file : filesInOrder()) {
                listing.append(file.getFileName()).append('=').append(Files.size(file)).append('\n');
            }
            writer.setLiveCommitData(Map.of(AuditIndexCatchUp.FILES, listing.toString(), AuditIndexCatchUp.READ_THROUGH,
                "mx1=12\nmx2=7\n", AuditIndexCatchUp.FORMAT, AuditIndexCatchUp.LOCATED_RECORDS).entrySet());
            writer.commit();
        }
    }
}
