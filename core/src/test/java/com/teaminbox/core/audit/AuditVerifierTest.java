package com.teaminbox.core.audit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.teaminbox.core.audit.ChainBreak.Kind;

class AuditVerifierTest {
    @TempDir
    Path directory;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T09:00:00Z"));

    private Path writeChain(Path where, String node, int count) {
        try (AuditChainWriter writer = new AuditChainWriter(where, node, clock, AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH)) {
            for (int number = 1; number <= count; number++) {
                writer.record(AuditChainWriterTest.event(number));
            }
        }
        return where.resolve("audit-" + node + "-2026-11-27-0001.jsonl");
    }

    private List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, UTF_8));
    }

    private void rewrite(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", UTF_8);
    }

    private NodeVerification verify(String node) throws IOException {
        return new AuditVerifier().verify(List.of(directory)).node(node).orElseThrow();
    }

    private ChainBreak firstBreak() throws IOException {
        return verify("mx1").firstBreak().orElseThrow();
    }

    @Test
    void untouchedTrailShouldVerify() throws IOException {
        writeChain(directory, "mx1", 5);

        NodeVerification verification = verify("mx1");

        assertThat(verification.intact()).isTrue();
        assertThat(verification).hasToString("OK: node mx1: 5 records in 1 file");
    }

    @Test
    void changedFieldShouldBeReportedAsChanged() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        List<String> lines = lines(file);
        lines.set(2, lines.get(2).replace("\"accepted\"", "\"refused\""));
        rewrite(file, lines);

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.CHANGED);
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.seq()).isEqualTo(3);
        assertThat(broken.toString()).isEqualTo(file + ":3 seq 3: changed \u2014 its hash does not match its content: "
            + "it was edited after it was written");
    }

    @Test
    void deletedLineShouldBeReportedAsRemovedAtTheRecordAfterIt() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        List<String> lines = lines(file);
        lines.remove(2);
        rewrite(file, lines);

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.REMOVED);
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.explanation()).startsWith("seq 3 is missing");
        assertThat(verify("mx1").verifiedRecords()).isEqualTo(2);
    }

    @Test
    void swappedLinesShouldBeReportedAsReordered() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        List<String> lines = lines(file);
        Collections.swap(lines, 2, 3);
        rewrite(file, lines);

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.REORDERED);
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.explanation()).contains("seq 3 was expected here and appears later, at " + file + ":4");
    }

    @Test
    void repeatedLineShouldBeReportedAsInserted() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        List<String> lines = lines(file);
        lines.add(4, lines.get(1));
        rewrite(file, lines);

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.INSERTED);
        assertThat(broken.line()).isEqualTo(5);
        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.explanation()).startsWith("seq 2 was already seen");
    }

    @Test
    void sealedRecordFromAnotherChainShouldBeReportedAsInserted() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        clock.set(Instant.parse("2026-11-27T10:00:00Z"));
        Path elsewhere = writeChain(directory.resolve("other"), "mx1", 5);
        List<String> lines = lines(file);
        lines.set(2, lines(elsewhere).get(2));
        rewrite(file, lines);
        Files.delete(elsewhere);

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.INSERTED);
        assertThat(broken.line()).isEqualTo(3);
        assertThat(broken.explanation()).startsWith("its prev does not link to seq 2 at " + file + ":2");
    }

    @Test
    void lineCutMidwayShouldBeReportedAsTruncatedAfterTheVerifiedRecords() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        String content = Files.readString(file, UTF_8);
        Files.writeString(file, content.substring(0, content.length() - 40), UTF_8);

        NodeVerification verification = verify("mx1");

        assertThat(verification.verifiedRecords()).isEqualTo(4);
        assertThat(verification.firstBreak()).hasValueSatisfying(broken -> {
            assertThat(broken.kind()).isEqualTo(Kind.TRUNCATED);
            assertThat(broken.line()).isEqualTo(5);
            assertThat(broken.seq()).isEqualTo(5);
        });
    }

    @Test
    void unparsableLastLineShouldBeReportedAsTruncated() throws IOException {
        Path file = writeChain(directory, "mx1", 3);
        List<String> lines = lines(file);
        lines.add("\0\0\0\0");
        rewrite(file, lines);

        assertThat(firstBreak().kind()).isEqualTo(Kind.TRUNCATED);
        assertThat(firstBreak().line()).isEqualTo(4);
    }

    @Test
    void unparsableLineInTheMiddleShouldBeReportedAsMalformed() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        List<String> lines = lines(file);
        lines.set(1, lines.get(1) + " ");
        rewrite(file, lines);

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.MALFORMED);
        assertThat(broken.line()).isEqualTo(2);
        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.explanation()).startsWith("not a record: text after the closing '}'");
    }

    @Test
    void missingFirstFileShouldBeReportedAsRemoved() throws IOException {
        clock.set(Instant.parse("2026-11-26T23:59:59Z"));
        try (AuditChainWriter writer = new AuditChainWriter(directory, "mx1", clock, 1000, FlushPolicy.FLUSH)) {
            writer.record(AuditChainWriterTest.event(1));
            clock.set(Instant.parse("2026-11-27T00:00:00Z"));
            writer.record(AuditChainWriterTest.event(2));
        }
        Files.delete(directory.resolve("audit-mx1-2026-11-26-0001.jsonl"));

        ChainBreak broken = firstBreak();

        assertThat(broken.kind()).isEqualTo(Kind.REMOVED);
        assertThat(broken.explanation()).contains("(a chain starts at seq 1)");
    }

    /** The documented limit: nothing links forward, so a cut at the very end leaves no trace. */
    @Test
    void recordsRemovedAtTheVeryEndShouldGoUnnoticed() throws IOException {
        Path file = writeChain(directory, "mx1", 5);
        List<String> lines = lines(file);
        rewrite(file, lines.subList(0, 3));

        assertThat(verify("mx1").intact()).isTrue();
        assertThat(verify("mx1").verifiedRecords()).isEqualTo(3);
    }

    @Test
    void twoNodesShouldBeVerifiedAsSeparateChains() throws IOException {
        writeChain(directory, "mx1", 3);
        Path other = writeChain(directory, "mx2", 4);
        List<String> lines = lines(other);
        lines.remove(0);
        rewrite(other, lines);

        AuditVerification verification = new AuditVerifier().verify(List.of(directory.resolve("audit-mx1-2026-11-27-0001.jsonl"), other));

        assertThat(verification.nodes()).extracting(NodeVerification::node).containsExactly("mx1", "mx2");
        assertThat(verification.node("mx1").orElseThrow().intact()).isTrue();
        assertThat(verification.node("mx1").orElseThrow().verifiedRecords()).isEqualTo(3);
        assertThat(verification.node("mx2").orElseThrow().firstBreak()).hasValueSatisfying(broken ->
            assertThat(broken.kind()).isEqualTo(Kind.REMOVED));
        assertThat(verification.intact()).isFalse();
    }

    @Test
    void recordOfAnotherNodeShouldBeReportedAsInserted() throws IOException {
        Path file = writeChain(directory, "mx1", 3);
        Path other = writeChain(directory, "mx2", 3);
        List<String> lines = lines(file);
        lines.set(2, lines(other).get(2));
        rewrite(file, lines);

        assertThat(firstBreak().kind()).isEqualTo(Kind.INSERTED);
        assertThat(firstBreak().explanation()).isEqualTo("a record of node mx2 in a file of node mx1");
    }

    @Test
    void fileWithAnotherNameShouldBeRefused() throws IOException {
        Path stranger = Files.writeString(directory.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> new AuditVerifier().verify(List.of(stranger)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("Not an audit file name");
    }

    @Test
    void directoryWithoutAuditFilesShouldNotCountAsIntact() throws IOException {
        assertThat(new AuditVerifier().verify(List.of(directory)).intact()).isFalse();
    }
}
