package com.teaminbox.james.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.teaminbox.core.audit.AuditChainWriter;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditIndex;
import com.teaminbox.core.audit.AuditIndexCatchUp;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.core.audit.FlushPolicy;
import com.teaminbox.core.config.ConfigurationInForce;

/** How the storage's index behaves around its start's catch-up (the catch-up itself: AuditIndexCatchUpTest). */
class FileAuditStorageIndexTest {
    private static final String FORMAT = "teaminbox.audit.index-format";
    private static final String READ_THROUGH = "teaminbox.audit.read-through";
    private static final ConfigurationInForce DEFAULTS = NoConfigurationInForce.DEFAULTS;

    @TempDir
    Path home;

    private FileAuditStorage storage() {
        return new FileAuditStorage(new JamesHome(home), DEFAULTS, Clock.systemUTC(), new RecordingMetricFactory());
    }

    private Path trail() {
        return home.resolve("var/audit");
    }

    @Test
    void aSearchShouldNotWaitForACatchUpWhenTheIndexCouldNotOpen() throws IOException {
        Files.createDirectories(home.resolve("var"));
        Files.writeString(home.resolve("var/audit-index"), "a file where the index's folder would be");
        FileAuditStorage storage = storage();
        try {
            storage.append(AuditEventMix.event(0));

            assertThat(storage.liveIndexingOpen()).as("nothing to wait for: no catch-up runs").isTrue();
            assertThatThrownBy(() -> storage.search(AuditQuery.builder().build())).isInstanceOf(IOException.class)
                .hasMessageContaining("could not be opened");
        } finally {
            storage.stop();
        }
    }

    @Test
    void anIndexTheCatchUpCouldNotCheckShouldNotBeStampedWithThisFormat() throws IOException {
        FileAuditStorage first = storage();
        first.append(AuditEventMix.event(0));
        first.stop();
        Path index = onlyIndex();
        // An index of an earlier format (no format named) whose commit data the catch-up cannot read.
        Map<String, String> data = new HashMap<>(commitData(index));
        data.remove(FORMAT);
        data.put(READ_THROUGH, "mx8=not a seq\n");
        commit(index, data);

        FileAuditStorage second = storage();
        second.append(AuditEventMix.event(1));
        second.stop();

        assertThat(commitData(index)).doesNotContainKey(FORMAT).as("as the earlier version left it").isEqualTo(data);
    }

    @Test
    void aCatchUpStoppedAfterItsCheckShouldKeepWhatWasReadBefore() throws IOException {
        write("mx8", 10);
        FileAuditStorage first = storage();
        first.append(AuditEventMix.event(0));
        first.stop();
        // Made again by a catch-up run to its end (the first start's may have been stopped early): mx8 read through 10.
        Path index = onlyIndex();
        deleteRecursively(index);
        try (AuditIndex caughtUp = new AuditIndex(FSDirectory.open(index), trail())) {
            AuditIndexCatchUp.run(caughtUp, trail(), () -> false);
        }
        assertThat(commitData(index)).hasEntrySatisfying(READ_THROUGH, readThrough -> assertThat(readThrough).contains("mx8=10\n"));
        // Another node's trail, long enough for the next start's catch-up to be stopped in it.
        write("mx9", 30_000);

        FileAuditStorage second = storage();
        second.append(AuditEventMix.event(1));
        second.stop();

        assertThat(commitData(index)).containsKey(FORMAT)
            .hasEntrySatisfying(READ_THROUGH, readThrough -> assertThat(readThrough).contains("mx8=10\n"));
    }

    private void write(String node, int records) {
        try (AuditChainWriter writer = new AuditChainWriter(trail(), node, Clock.systemUTC(), 64L << 20, FlushPolicy.FLUSH)) {
            for (int from = 0; from < records; from += 1000) {
                List<AuditEvent> events = new ArrayList<>();
                for (int sequence = from; sequence < Math.min(records, from + 1000); sequence++) {
                    events.add(AuditEventMix.event(sequence));
                }
                writer.appendAll(events);
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private Path onlyIndex() throws IOException {
        try (Stream<Path> nodes = Files.list(home.resolve("var/audit-index"))) {
            List<Path> all = nodes.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static Map<String, String> commitData(Path index) throws IOException {
        try (FSDirectory directory = FSDirectory.open(index); DirectoryReader reader = DirectoryReader.open(directory)) {
            return reader.getIndexCommit().getUserData();
        }
    }

    private static void commit(Path index, Map<String, String> data) throws IOException {
        try (FSDirectory directory = FSDirectory.open(index);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()))) {
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
    }
}
