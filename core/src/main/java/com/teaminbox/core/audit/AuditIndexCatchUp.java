package com.teaminbox.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;

/**
 * Brings an {@link AuditIndex} opened at a start up to date with the audit files, reading only
 * what it does not hold yet: a busy server's trail of millions of records is not read again at
 * each start.
 *
 * <p>Each commit stores the audit files found then and their sizes ({@link #commit}). At the next
 * start the index is trusted only when every one of those files is still there and no shorter
 * (files only grow, by whole records), and, for each node, when it holds the node's first record
 * still in the files and its record at the end of its gapless run is, byte for byte, that record
 * in the files. Reading resumes after that run (a gap left by a crash or a damaged line is read
 * again; a record added twice is kept once). Otherwise — a file removed or cut, a node whose
 * files are gone, an index from before this check — the whole index is rebuilt from the files.
 *
 * <p>The index is a convenience, not evidence: a record rewritten in place to a line at least as
 * long is found by {@link AuditVerifier}, not by this check.
 */
public final class AuditIndexCatchUp {
    /** The commit data key under which the files read are listed. */
    static final String FILES = "teaminbox.audit.files";

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

    /** Thrown when the catch-up is asked to stop (James stopping) before it is done. */
    public static final class Stopped extends RuntimeException {
        Stopped() {
            super("The audit index catch-up was stopped before it was done");
        }
    }

    /**
     * The lines of the file read last: the check of a node's last indexed record and the reading
     * after it usually meet in the same file, the newest, which is the biggest.
     */
    private static final class LastFileRead {
        private Optional<Path> file = Optional.empty();
        private List<AuditLine> lines = List.of();

        List<AuditLine> lines(Path path) throws IOException {
            if (!file.equals(Optional.of(path))) {
                lines = AuditLines.read(path);
                file = Optional.of(path);
            }
            return lines;
        }
    }

    /** Where a node's records not yet indexed start: its files from one of them, and the last seq indexed. */
    private record Resume(List<Path> files, long afterSeq) {
    }

    private AuditIndexCatchUp() {
    }

    /**
     * Reads what the index's last commit lacks, then commits.
     *
     * @param stopping checked between files and every thousand records; when true, {@link Stopped} is thrown
     */
    public static Outcome run(AuditIndex index, Path directory, BooleanSupplier stopping) throws IOException {
        CommittedState committed = index.committed();
        SortedMap<String, List<Path>> files = AuditFiles.byNode(List.of(directory));
        LastFileRead reader = new LastFileRead();
        Optional<String> untrusted = untrusted(committed, files);
        List<Resume> resumes = new ArrayList<>();
        for (Map.Entry<String, List<Path>> node : files.entrySet()) {
            if (untrusted.isPresent()) {
                break;
            }
            Optional<IndexedChain> chain = Optional.ofNullable(committed.chains().get(node.getKey()));
            if (chain.isEmpty()) {
                resumes.add(new Resume(node.getValue(), 0));
                continue;
            }
            untrusted = mismatch(index, node.getKey(), chain.get(), node.getValue(), reader);
            resumes.add(resume(chain.get(), node.getValue()));
        }
        long added = 0;
        if (untrusted.isPresent()) {
            index.deleteAll();
            resumes = files.values().stream().map(nodeFiles -> new Resume(nodeFiles, 0)).toList();
            // Read afresh: records this node wrote (and indexed) since the check are in the files, not in a copy read before.
            reader = new LastFileRead();
        }
        for (Resume resume : resumes) {
            added += addAfter(index, resume, stopping, reader);
        }
        commit(index, directory);
        return new Outcome(untrusted, added);
    }

    /**
     * Commits the index with the audit files found now and their sizes, for the next start's
     * check. Records indexed are always in files at least this long: a record is written to its
     * file before it is indexed.
     */
    public static void commit(AuditIndex index, Path directory) throws IOException {
        StringBuilder listing = new StringBuilder();
        for (List<Path> nodeFiles : AuditFiles.byNode(List.of(directory)).values()) {
            for (Path file : nodeFiles) {
                listing.append(file.getFileName()).append('=').append(Files.size(file)).append('\n');
            }
        }
        index.commit(Map.of(FILES, listing.toString()));
    }

    /** Why the committed index cannot be trusted as a whole, if it cannot. */
    private static Optional<String> untrusted(CommittedState committed, SortedMap<String, List<Path>> files) throws IOException {
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> listing = Optional.ofNullable(committed.data().get(FILES));
        if (listing.isEmpty()) {
            return Optional.of("the index does not list the files it read: it was made by an earlier version");
        }
        for (String node : committed.chains().keySet()) {
            if (!files.containsKey(node)) {
                return Optional.of("the index holds records of node " + node + ", whose files are gone");
            }
        }
        Map<String, Path> present = new LinkedHashMap<>();
        files.values().forEach(nodeFiles -> nodeFiles.forEach(file -> present.put(file.getFileName().toString(), file)));
        for (String line : listing.get().split("\n")) {
            int equals = line.lastIndexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = line.substring(0, equals);
            long size = Long.parseLong(line.substring(equals + 1));
            if (!present.containsKey(name)) {
                return Optional.of("file " + name + " was removed since it was indexed");
            }
            if (Files.size(present.get(name)) < size) {
                return Optional.of("file " + name + " is shorter than when it was indexed");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mismatch(AuditIndex index, String node, IndexedChain chain, List<Path> files, LastFileRead reader)
        throws IOException {
        OptionalLong firstInFiles = firstSeq(files);
        if (firstInFiles.isEmpty() || chain.firstSeq() < firstInFiles.getAsLong()) {
            return Optional.of("node " + node + ": the index holds record " + chain.firstSeq() + ", the files start at "
                + (firstInFiles.isPresent() ? "record " + firstInFiles.getAsLong() : "no record"));
        }
        if (chain.firstSeq() > firstInFiles.getAsLong()) {
            return Optional.empty();
        }
        Optional<AuditRecord> inFiles = find(filesFrom(files, chain.gaplessUpTo()), chain.gaplessUpTo(), reader);
        if (inFiles.isEmpty() || !inFiles.equals(index.indexed(node, chain.gaplessUpTo()))) {
            return Optional.of("node " + node + ": record " + chain.gaplessUpTo() + " is not in the files as it was indexed");
        }
        return Optional.empty();
    }

    /** After the index's gapless run, or from the start when the index lacks the node's first records. */
    private static Resume resume(IndexedChain chain, List<Path> files) throws IOException {
        OptionalLong firstInFiles = firstSeq(files);
        if (firstInFiles.isPresent() && chain.firstSeq() > firstInFiles.getAsLong()) {
            return new Resume(files, 0);
        }
        return new Resume(filesFrom(files, chain.gaplessUpTo() + 1), chain.gaplessUpTo());
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

    private static Optional<AuditRecord> find(List<Path> files, long seq, LastFileRead reader) throws IOException {
        for (Path file : files) {
            for (AuditLine line : reader.lines(file)) {
                Optional<AuditRecord> record = line.record().filter(candidate -> candidate.seq() == seq);
                if (record.isPresent()) {
                    return record;
                }
            }
        }
        return Optional.empty();
    }

    private static long addAfter(AuditIndex index, Resume resume, BooleanSupplier stopping, LastFileRead reader) throws IOException {
        long added = 0;
        for (Path file : resume.files()) {
            for (AuditLine line : reader.lines(file)) {
                Optional<AuditRecord> record = line.record().filter(candidate -> candidate.seq() > resume.afterSeq());
                if (record.isPresent()) {
                    index.add(record.get());
                    added++;
                    if (added % 1_000 == 0 && stopping.getAsBoolean()) {
                        throw new Stopped();
                    }
                }
            }
            if (stopping.getAsBoolean()) {
                throw new Stopped();
            }
        }
        return added;
    }
}
