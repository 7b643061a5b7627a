package com.teaminbox.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditIndexTest {
    private static final Instant START = Instant.parse("2026-11-27T09:00:00Z");

    @TempDir
    Path directory;
    @TempDir
    Path elsewhere;
    private final MutableClock clock = new MutableClock(START);
    private AuditIndex index;

    @BeforeEach
    void writeTrail() throws IOException {
        try (AuditChainWriter mx1 = new AuditChainWriter(directory, "mx1", clock, 2000, FlushPolicy.FLUSH);
             AuditChainWriter mx2 = new AuditChainWriter(directory, "mx2", clock, 2000, FlushPolicy.FLUSH)) {
            for (int minute = 0; minute < 10; minute++) {
                clock.set(START.plus(Duration.ofMinutes(minute)));
                mx1.record(AuditEvent.of(AuditEventType.FLAGS_CHANGED, AuditActor.member("Alice@Example.test"))
                    .sharedMailbox("support@example.test").ticket("SUP-" + minute % 2).decision("accepted").build());
                mx2.record(AuditEvent.of(AuditEventType.SEND_REFUSED, AuditActor.member("bob@example.test"))
                    .sharedMailbox("sales@example.test").decision("refused").build());
            }
        }
        index = AuditIndex.inMemory();
        assertThat(index.rebuildFrom(List.of(directory))).isEqualTo(20);
    }

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    @Test
    void searchWithoutFiltersShouldOrderByTimeThenNodeThenSeq() throws IOException {
        AuditPage page = index.search(AuditQuery.builder().pageSize(4).build());

        assertThat(page.totalHits()).isEqualTo(20);
        assertThat(page.records()).extracting(record -> record.node() + "/" + record.seq())
            .containsExactly("mx1/1", "mx2/1", "mx1/2", "mx2/2");
    }

    @Test
    void sinceShouldBeInclusiveAndUntilExclusive() throws IOException {
        AuditPage page = index.search(AuditQuery.builder().since(START.plus(Duration.ofMinutes(2)))
            .until(START.plus(Duration.ofMinutes(4))).build());

        assertThat(page.records()).extracting(AuditRecord::seq).containsExactly(3L, 3L, 4L, 4L);
    }

    @Test
    void actorShouldMatchIgnoringCase() throws IOException {
        AuditPage page = index.search(AuditQuery.builder().actor("alice@example.TEST").build());

        assertThat(page.totalHits()).isEqualTo(10);
        assertThat(page.records()).allSatisfy(record -> assertThat(record.node()).isEqualTo("mx1"));
    }

    @Test
    void typeTicketAndMailboxShouldAllApply() throws IOException {
        AuditQuery query = AuditQuery.builder().type(AuditEventType.FLAGS_CHANGED).ticket("sup-1")
            .mailbox("support@example.test").build();

        assertThat(index.search(query).records()).extracting(AuditRecord::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(index.search(AuditQuery.builder().type(AuditEventType.SEND_REFUSED).ticket("SUP-1").build()).totalHits())
            .isZero();
    }

    @Test
    void pagesShouldFollowEachOtherWithoutOverlap() throws IOException {
        AuditPage second = index.search(AuditQuery.builder().mailbox("sales@example.test").page(2).pageSize(4).build());
        AuditPage last = index.search(AuditQuery.builder().mailbox("sales@example.test").page(3).pageSize(4).build());

        assertThat(second.records()).extracting(AuditRecord::seq).containsExactly(5L, 6L, 7L, 8L);
        assertThat(last.records()).extracting(AuditRecord::seq).containsExactly(9L, 10L);
        assertThat(last.pageCount()).isEqualTo(3);
        assertThat(second.hasNextPage()).isTrue();
        assertThat(last.hasNextPage()).isFalse();
    }

    @Test
    void pageAfterTheLastShouldBeEmptyWithTheTotal() throws IOException {
        AuditPage page = index.search(AuditQuery.builder().page(9).pageSize(10).build());

        assertThat(page.records()).isEmpty();
        assertThat(page.totalHits()).isEqualTo(20);
    }

    /** A record of node mx3 written in {@code elsewhere}, outside the files the index was built from. */
    private LocatedRecord writtenElsewhere() {
        try (AuditChainWriter mx3 = new AuditChainWriter(elsewhere, "mx3", clock, 2000, FlushPolicy.FLUSH)) {
            return mx3.appendAll(List.of(AuditEvent.of(AuditEventType.LOGIN_REFUSED, AuditActor.member("eve@example.test"))
                .decision("refused").build())).located().get(0);
        }
    }

    @Test
    void aBatchOfNewRecordsShouldBeFoundByEachOfItsOwnFieldsOnly() throws IOException {
        List<LocatedRecord> batch;
        try (AuditChainWriter mx3 = new AuditChainWriter(elsewhere, "mx3", clock, 2000, FlushPolicy.FLUSH)) {
            batch = mx3.appendAll(List.of(
                AuditEvent.of(AuditEventType.TICKET_CREATED, AuditActor.system()).sharedMailbox("help@example.test")
                    .ticket("HLP-7").decision("created").build(),
                AuditEvent.of(AuditEventType.LOGIN_REFUSED, AuditActor.member("eve@example.test")).decision("refused").build(),
                AuditEvent.of(AuditEventType.MESSAGE_READ, AuditActor.member("Carol@example.test")).sharedMailbox("desk@example.test")
                    .decision("accepted").build())).located();
        }

        index.addNew(batch);

        // the fields of one record are not carried over to the next one of the batch
        assertThat(index.search(AuditQuery.builder().ticket("hlp-7").build()).records()).containsExactly(batch.get(0).record());
        assertThat(index.search(AuditQuery.builder().mailbox("help@example.test").build()).records())
            .containsExactly(batch.get(0).record());
        assertThat(index.search(AuditQuery.builder().actor("eve@example.test").build()).records()).containsExactly(batch.get(1).record());
        assertThat(index.search(AuditQuery.builder().mailbox("desk@example.test").build()).records())
            .containsExactly(batch.get(2).record());
        assertThat(index.search(AuditQuery.builder().type(AuditEventType.MESSAGE_READ).actor("carol@example.test").build()).records())
            .containsExactly(batch.get(2).record());
        assertThat(index.search(AuditQuery.builder().build()).totalHits()).isEqualTo(23);
    }

    @Test
    void aRebuildShouldIndexARecordCopiedToASubfolderOnce() throws IOException {
        Path backup = Files.createDirectories(directory.resolve("backup"));
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, backup.resolve(file.getFileName()));
            }
        }

        assertThat(index.rebuildFrom(List.of(directory))).isEqualTo(20);

        assertThat(index.search(AuditQuery.builder().pageSize(100).build()).records())
            .extracting(record -> record.node() + "/" + record.seq()).hasSize(20).doesNotHaveDuplicates();
    }

    @Test
    void rebuildShouldForgetWhatTheFilesDoNotHold() throws IOException {
        index.add(writtenElsewhere());

        index.rebuildFrom(List.of(directory));

        assertThat(index.search(AuditQuery.builder().actor("eve@example.test").build()).totalHits()).isZero();
    }

    @Test
    void queryLimitsShouldBeCheckedUnderAtAndOver() {
        assertThatThrownBy(() -> AuditQuery.builder().page(0).build()).hasMessage("page must be 1 or more: 0");
        assertThatThrownBy(() -> AuditQuery.builder().pageSize(0).build()).hasMessage("pageSize must be between 1 and 1000: 0");
        assertThatThrownBy(() -> AuditQuery.builder().pageSize(1001).build()).hasMessage("pageSize must be between 1 and 1000: 1001");
        assertThat(AuditQuery.builder().page(1).pageSize(1).build().pageSize()).isEqualTo(1);
        assertThat(AuditQuery.builder().page(100).pageSize(1000).build().offset()).isEqualTo(99_000);
        assertThatThrownBy(() -> AuditQuery.builder().page(101).pageSize(1000).build()).hasMessageContaining("narrow the query");
    }

    @Test
    void sinceAfterUntilShouldBeRefused() {
        assertThatThrownBy(() -> AuditQuery.builder().since(START).until(START).build())
            .hasMessage("since (2026-11-27T09:00:00Z) must be before until (2026-11-27T09:00:00Z)");
    }

    @Test
    void theIndexShouldKeepWhereEachRecordIsAndReadTheRecordFromItsFile() throws IOException {
        Path kept = elsewhere.resolve("index");
        try (AuditIndex onDisk = new AuditIndex(FSDirectory.open(kept), directory)) {
            onDisk.rebuildFrom(List.of(directory));

            assertThat(onDisk.search(AuditQuery.builder().pageSize(20).build()).records())
                .containsExactlyElementsOf(index.search(AuditQuery.builder().pageSize(20).build()).records());
        }

        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(kept))) {
            assertThat(reader.numDocs()).isEqualTo(20);
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                assertThat(reader.storedFields().document(doc).getFields()).as("nothing of the record is stored whole").isEmpty();
            }
        }
    }

    @Test
    void aSearchShouldSayWhenAFileNoLongerHoldsWhatWasIndexed() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.writeString(file, "x".repeat((int) Files.size(file)));
            }
        }

        assertThatThrownBy(() -> index.search(AuditQuery.builder().build()))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("changed since it was indexed");
    }

    @Test
    void aRecordShouldBeIndexedByTheFieldsSearchesNeedAndItsPlaceWithNoTermOfItsOwn() throws IOException {
        try (AuditIndex onDisk = new AuditIndex(FSDirectory.open(elsewhere.resolve("index")), directory)) {
            onDisk.rebuildFrom(List.of(directory));
        }

        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(elsewhere.resolve("index")))) {
            assertThat(org.apache.lucene.index.FieldInfos.getMergedFieldInfos(reader)).extracting(info -> info.name)
                .containsExactlyInAnyOrder("time", "node", "seq", "type", "actor", "ticket", "mailbox", "file", "offset", "fingerprint");
        }
    }

    @Test
    void indexedShouldFindARecordByNodeAndSeq() throws IOException {
        assertThat(index.indexed("mx2", 7)).hasValueSatisfying(record -> {
            assertThat(record.node()).isEqualTo("mx2");
            assertThat(record.seq()).isEqualTo(7);
        });
        assertThat(index.indexed("mx2", 11)).isEmpty();
        assertThat(index.indexed("mx3", 7)).isEmpty();
    }

    @Test
    void aFingerprintShouldBeTheFirstSixteenHexadecimalDigitsOfTheHash() throws IOException {
        AuditRecord record = index.search(AuditQuery.builder().pageSize(1).build()).records().get(0);

        assertThat(AuditIndex.fingerprint(record)).isEqualTo(Long.parseUnsignedLong(record.hash().substring(0, 16), 16));
    }

    @Test
    void everySearchShouldAnswerWhatAScanOfTheFilesFinds() throws IOException {
        List<AuditRecord> scanned = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                AuditLines.read(file).forEach(line -> line.record().ifPresent(scanned::add));
            }
        }
        List<AuditQuery> queries = List.of(
            AuditQuery.builder().pageSize(1000).build(),
            AuditQuery.builder().pageSize(1000).type(AuditEventType.SEND_REFUSED).build(),
            AuditQuery.builder().pageSize(1000).actor("ALICE@example.test").ticket("Sup-0").build(),
            AuditQuery.builder().pageSize(1000).mailbox("sales@example.test").since(START.plus(Duration.ofMinutes(3)))
                .until(START.plus(Duration.ofMinutes(7))).build());
        List<java.util.function.Predicate<AuditRecord>> scans = List.of(
            record -> true,
            record -> record.type() == AuditEventType.SEND_REFUSED,
            record -> record.actor().name().equalsIgnoreCase("alice@example.test") && record.ticket().filter("SUP-0"::equalsIgnoreCase).isPresent(),
            record -> record.mailbox().filter("sales@example.test"::equals).isPresent()
                && !record.time().isBefore(START.plus(Duration.ofMinutes(3))) && record.time().isBefore(START.plus(Duration.ofMinutes(7))));
        for (int query = 0; query < queries.size(); query++) {
            List<AuditRecord> expected = scanned.stream().filter(scans.get(query))
                .sorted(java.util.Comparator.comparing(AuditRecord::time).thenComparing(AuditRecord::node).thenComparingLong(AuditRecord::seq))
                .toList();
            AuditPage page = index.search(queries.get(query));
            assertThat(page.records()).as("query %s", queries.get(query)).isNotEmpty().isEqualTo(expected);
            assertThat(page.totalHits()).isEqualTo(expected.size());
        }
    }
}
