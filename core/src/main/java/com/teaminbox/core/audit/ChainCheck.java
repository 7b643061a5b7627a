package com.teaminbox.core.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import com.teaminbox.core.audit.ChainBreak.Kind;

/**
 * Walks one node's files in chain order and stops at the first record that does not follow
 * from the one before. Only then does it look further (for the missing seq, for a record after
 * a torn line), so an intact trail is read exactly once.
 */
final class ChainCheck {
    private final String node;
    private final List<Path> files;
    private ChainPosition position = ChainPosition.GENESIS;
    private String previousLocation = "";
    private long verified;

    private ChainCheck(String node, List<Path> files) {
        this.node = node;
        this.files = files;
    }

    static NodeVerification run(String node, List<Path> files) throws IOException {
        return new ChainCheck(node, files).run();
    }

    private NodeVerification run() throws IOException {
        for (int fileIndex = 0; fileIndex < files.size(); fileIndex++) {
            List<AuditLine> lines = AuditLines.read(files.get(fileIndex));
            for (AuditLine line : lines) {
                Optional<ChainBreak> broken = check(line, lines, fileIndex);
                if (broken.isPresent()) {
                    return new NodeVerification(node, files.size(), verified, broken);
                }
            }
        }
        return new NodeVerification(node, files.size(), verified, Optional.empty());
    }

    private Optional<ChainBreak> check(AuditLine line, List<AuditLine> lines, int fileIndex) throws IOException {
        long expected = position.nextSeq();
        if (!line.terminated()) {
            return broken(line, expected, Kind.TRUNCATED, "the file ends in the middle of a line, a write cut short "
                + "(crash or full disk)" + resumption(fileIndex));
        }
        AuditRecord record;
        try {
            record = line.parse();
        } catch (MalformedAuditRecordException e) {
            boolean recordFollows = lines.subList(line.number(), lines.size()).stream().anyMatch(AuditLine::parses);
            return recordFollows
                ? broken(line, expected, Kind.MALFORMED, "not a record: " + e.getMessage())
                : broken(line, expected, Kind.TRUNCATED, "the end of the file is not a record (" + e.getMessage() + ")"
                    + resumption(fileIndex));
        }
        if (!record.isSealed()) {
            return broken(line, record.seq(), Kind.CHANGED, "its hash does not match its content: it was edited after it was written");
        }
        if (!record.node().equals(node)) {
            return broken(line, record.seq(), Kind.INSERTED, "a record of node " + record.node() + " in a file of node " + node);
        }
        if (record.seq() > expected) {
            return Optional.of(missing(line, lines, fileIndex, record.seq(), expected));
        }
        if (record.seq() < expected) {
            return broken(line, record.seq(), Kind.INSERTED, "seq " + record.seq() + " was already seen before seq "
                + position.seq() + " at " + previousLocation);
        }
        if (!record.prev().equals(position.hash())) {
            return broken(line, record.seq(), Kind.INSERTED, expected == 1
                ? "the first record of a chain has prev 000…0, this one links to a record that is not there"
                : "its prev does not link to seq " + position.seq() + " at " + previousLocation
                    + ": one of the two is not the record written there");
        }
        position = ChainPosition.after(record);
        previousLocation = line.location();
        verified++;
        return Optional.empty();
    }

    private ChainBreak missing(AuditLine line, List<AuditLine> lines, int fileIndex, long seq, long expected) throws IOException {
        Optional<AuditLine> later = find(expected, lines.subList(line.number(), lines.size()), fileIndex + 1);
        if (later.isPresent()) {
            return new ChainBreak(line.file(), line.number(), seq, Kind.REORDERED,
                "seq " + expected + " was expected here and appears later, at " + later.get().location());
        }
        String gap = seq - expected == 1 ? "seq " + expected + " is missing and appears"
            : "seqs " + expected + " to " + (seq - 1) + " are missing and appear";
        return new ChainBreak(line.file(), line.number(), seq, Kind.REMOVED, gap + " nowhere later"
            + (expected == 1 ? " (a chain starts at seq 1)" : ""));
    }

    private Optional<AuditLine> find(long seq, List<AuditLine> restOfFile, int nextFileIndex) throws IOException {
        Optional<AuditLine> found = restOfFile.stream().filter(candidate -> hasSeq(candidate, seq)).findFirst();
        for (int fileIndex = nextFileIndex; found.isEmpty() && fileIndex < files.size(); fileIndex++) {
            found = AuditLines.read(files.get(fileIndex)).stream().filter(candidate -> hasSeq(candidate, seq)).findFirst();
        }
        return found;
    }

    private static boolean hasSeq(AuditLine line, long seq) {
        return line.parses() && line.parse().seq() == seq;
    }

    /** After a crash the writer chains on in a new file: saying so tells a crash from an amputation. */
    private String resumption(int fileIndex) throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return "";
        }
        Optional<AuditRecord> next = AuditLines.read(files.get(fileIndex + 1)).stream()
            .filter(AuditLine::parses).findFirst().map(AuditLine::parse);
        boolean resumes = next.filter(record -> record.seq() == position.nextSeq() && record.prev().equals(position.hash())).isPresent();
        return resumes ? "; the chain resumes in " + files.get(fileIndex + 1) + " at seq " + position.nextSeq() : "";
    }

    private Optional<ChainBreak> broken(AuditLine line, long seq, Kind kind, String explanation) {
        return Optional.of(new ChainBreak(line.file(), line.number(), seq, kind, explanation));
    }
}
