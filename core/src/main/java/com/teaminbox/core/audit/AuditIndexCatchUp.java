package com.teaminbox.core.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;

/**
 * Brings an {@link AuditIndex} opened at a start up to date with the audit files, reading only
 * what it does not hold yet: a busy server's trail of millions of records is not read again at
 * each start. The index is trusted for a node only when it holds that node's records without a
 * gap from the first record still in the files, and its last one is, byte for byte, the record
 * of that number in the files; otherwise (files removed or rewritten, a record the index lost,
 * a crash between two commits) the whole index is rebuilt from the files, as before.
 *
 * <p>The index is a convenience, not evidence: a record changed in the files after it was
 * indexed is found by {@link AuditVerifier}, not by this check.
 */
public final class AuditIndexCatchUp {
    /** What a catch-up did: read on from where the index was, or rebuilt it, and why. */
    public record Outcome(Optional<String> rebuiltBecause, long recordsIndexed) {
        public boolean rebuilt() {
            return rebuiltBecause.isPresent();
        }

        @Override
        public String toString() {
            return rebuiltBecause.map(reason -> "rebuilt from the files (" + reason + "): " + recordsIndexed + " records")
                .orElse("caught up with the files: " + recordsIndexed + " new records");
        }
    }

    /** Where a node's records not yet indexed start: a file of its chain, and the last seq indexed. */
    private record Resume(List<Path> files, long afterSeq) {
    }

    private AuditIndexCatchUp() {
    }

    /**
     * @param indexed what the index held before any record of this run was added to it
     *                ({@link AuditIndex#chains()} read right after opening)
     */
    public static Outcome run(AuditIndex index, Map<String, IndexedChain> indexed, Path directory) throws IOException {
        SortedMap<String, List<Path>> files = AuditFiles.byNode(List.of(directory));
        List<Resume> resumes = new ArrayList<>();
        for (String node : indexed.keySet()) {
            if (!files.containsKey(node)) {
                return rebuild(index, directory, "the index holds records of node " + node + ", whose files are gone");
            }
        }
        for (Map.Entry<String, List<Path>> node : files.entrySet()) {
            Optional<IndexedChain> chain = Optional.ofNullable(indexed.get(node.getKey()));
            if (chain.isEmpty()) {
                resumes.add(new Resume(node.getValue(), 0));
                continue;
            }
            Optional<String> mismatch = mismatch(index, node.getKey(), chain.get(), node.getValue());
            if (mismatch.isPresent()) {
                return rebuild(index, directory, mismatch.get());
            }
            resumes.add(new Resume(filesFrom(node.getValue(), chain.get().lastSeq()), chain.get().lastSeq()));
        }
        long added = 0;
        for (Resume resume : resumes) {
            added += addAfter(index, resume);
        }
        index.commit();
        return new Outcome(Optional.empty(), added);
    }

    private static Optional<String> mismatch(AuditIndex index, String node, IndexedChain chain, List<Path> files) throws IOException {
        OptionalLong firstInFiles = firstSeq(files);
        if (firstInFiles.isEmpty() || firstInFiles.getAsLong() != chain.firstSeq() || !chain.gapless()) {
            return Optional.of("node " + node + ": the index holds " + chain.count() + " records numbered "
                + chain.firstSeq() + " to " + chain.lastSeq() + ", the files start at "
                + (firstInFiles.isPresent() ? firstInFiles.getAsLong() : "no record"));
        }
        Optional<AuditRecord> inFiles = find(filesFrom(files, chain.lastSeq()), chain.lastSeq());
        if (inFiles.isEmpty() || !inFiles.equals(index.indexed(node, chain.lastSeq()))) {
            return Optional.of("node " + node + ": record " + chain.lastSeq() + " is not in the files as it was indexed");
        }
        return Optional.empty();
    }

    private static OptionalLong firstSeq(List<Path> files) throws IOException {
        for (Path file : files) {
            Optional<AuditRecord> first = AuditLines.firstRecord(file);
            if (first.isPresent()) {
                return OptionalLong.of(first.get().seq());
            }
        }
        return OptionalLong.empty();
    }

    /** The files from the last one that starts at or before {@code seq} (files are in chain order). */
    private static List<Path> filesFrom(List<Path> files, long seq) throws IOException {
        int from = 0;
        for (int position = 0; position < files.size(); position++) {
            Optional<AuditRecord> first = AuditLines.firstRecord(files.get(position));
            if (first.isPresent() && first.get().seq() <= seq) {
                from = position;
            }
        }
        return files.subList(from, files.size());
    }

    private static Optional<AuditRecord> find(List<Path> files, long seq) throws IOException {
        for (Path file : files) {
            for (AuditLine line : AuditLines.read(file)) {
                Optional<AuditRecord> record = line.record().filter(candidate -> candidate.seq() == seq);
                if (record.isPresent()) {
                    return record;
                }
            }
        }
        return Optional.empty();
    }

    private static long addAfter(AuditIndex index, Resume resume) throws IOException {
        long added = 0;
        for (Path file : resume.files()) {
            for (AuditLine line : AuditLines.read(file)) {
                Optional<AuditRecord> record = line.record().filter(candidate -> candidate.seq() > resume.afterSeq());
                if (record.isPresent()) {
                    index.add(record.get());
                    added++;
                }
            }
        }
        return added;
    }

    private static Outcome rebuild(AuditIndex index, Path directory, String reason) throws IOException {
        return new Outcome(Optional.of(reason), index.rebuildFrom(List.of(directory)));
    }
}
