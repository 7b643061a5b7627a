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
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Brings an {@link AuditIndex} opened at a start up to date with the audit files, reading only
 * what it does not hold yet: a busy server's trail of millions of records is not read again at
 * each start.
 *
 * <p>Each commit stores the audit files found then and their sizes ({@link #commit}). At the next
 * start the index is trusted only when every one of those files is still there and no shorter
 * (files only grow, by whole records), and, for each node, when it holds the node's first record
 * still in the files and the record it holds last without a gap is that record in the files.
 * Reading resumes after it: a gap above the last seq the previous catch-up read (a crash between
 * two commits, live records indexed out of order) is read again, skipping the records the index
 * holds, a gap below it (a line of the files that is no record) is not looked for again. The index
 * names no record by a term of its own, so no record is added twice: a seq is added once per run
 * however many files hold it (a copy in a subfolder), a node's records from the seq its live
 * writer started at ({@code liveFrom}) are left to the live writer, which may add them once the
 * catch-up says the index is ready for them (trusted, or emptied for a rebuild). Otherwise — a
 * file removed or cut, a node whose files are gone, a record held twice, an index from before
 * this check — the whole index is rebuilt from the files.
 *
 * <p>The index is a convenience, not evidence: a record rewritten in place to a line at least as
 * long is found by {@link AuditVerifier}, not by this check.
 */
public final class AuditIndexCatchUp {
    /** The commit data key under which the files read are listed. */
    static final String FILES = "teaminbox.audit.files";
    /**
     * The commit data key under which the last seq a catch-up read of each node is kept: a gap
     * below it is a line of the files that is no record (damaged), not a record the index lost,
     * and is not looked for again.
     */
    static final String READ_THROUGH = "teaminbox.audit.read-through";
    /**
     * The commit data key under which the index names what it keeps of a record. An index without
     * it stored each record whole (the version before 2026-12-06): it is rebuilt once, from the files.
     */
    static final String FORMAT = "teaminbox.audit.index-format";
    /**
     * Records were kept as their place in the files (file, offset) and their line's
     * {@link String#hashCode} (2026-12-06 to 2026-12-07): rebuilt once, from the files.
     */
    static final String LOCATED_RECORDS = "located-records";
    /** Records are kept as their place in the files (file, offset) and the first bits of their hash: {@link AuditIndex}. */
    static final String LOCATED_RECORDS_BY_HASH = "located-records-by-hash";

    /** What a catch-up did: read on from where the index was, or rebuilt it, and why. */
    public record Outcome(Optional<String> rebuiltBecause, long recordsIndexed, Map<String, Long> readThrough) {
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
        private final transient Map<String, Long> readThrough;

        Stopped(Map<String, Long> readThrough) {
            super("The audit index catch-up was stopped before it was done");
            this.readThrough = Map.copyOf(readThrough);
        }

        /** The last seq of each node read so far: every record of the node up to it was read (or is held). */
        public Map<String, Long> readThrough() {
            return readThrough;
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
                // Let go of the previous file's lines before reading the next: two 64 MB files
                // decoded at once would double the catch-up's heap.
                lines = List.of();
                file = Optional.empty();
                lines = AuditLines.read(path);
                file = Optional.of(path);
            }
            return lines;
        }
    }

    /**
     * Where a node's records not yet indexed start: its files from one of them, the last seq indexed,
     * what the index holds of the node beyond it, and the seq from which its records are added live.
     */
    private record Resume(String node, List<Path> files, long afterSeq, Optional<IndexedChain> held, long liveFrom) {
        /** Whether this catch-up reads the record numbered {@code seq}: after what was indexed, before the live writer's. */
        boolean reads(long seq) {
            return seq > afterSeq && seq < liveFrom;
        }

        boolean holds(long seq) {
            return held.isPresent() && held.get().holds(seq);
        }
    }

    private AuditIndexCatchUp() {
    }

    /**
     * Reads what the index's last commit lacks, then commits.
     *
     * @param stopping checked between files and every thousand records; when true, {@link Stopped} is thrown
     */
    public static Outcome run(AuditIndex index, Path directory, BooleanSupplier stopping) throws IOException {
        return run(index, directory, Map.of(), checked -> { }, stopping);
    }

    /**
     * Reads what the index's last commit lacks, then commits, leaving to live writers the records
     * of their nodes from {@code liveFrom}'s seq on.
     *
     * @param ready called once the index may take the live writers' records: the committed index
     *     was checked (and emptied when it is rebuilt); before that, live records must wait. It is
     *     given the last seq read of each node as the check leaves it (the committed one, or none
     *     after the index was emptied): what a commit may store when this catch-up does not finish
     * @param stopping checked between files and every thousand records; when true, {@link Stopped} is thrown
     */
    public static Outcome run(AuditIndex index, Path directory, Map<String, Long> liveFrom, Consumer<Map<String, Long>> ready,
                              BooleanSupplier stopping)
        throws IOException {
        CommittedState committed = index.committed();
        Map<String, Long> readThrough = new TreeMap<>(decode(committed.data().getOrDefault(READ_THROUGH, "")));
        SortedMap<String, List<Path>> files = AuditFiles.byNode(List.of(directory));
        LastFileRead reader = new LastFileRead();
        Optional<String> untrusted = untrusted(committed, files, directory);
        List<Resume> resumes = new ArrayList<>();
        for (Map.Entry<String, List<Path>> node : files.entrySet()) {
            if (untrusted.isPresent()) {
                break;
            }
            Optional<IndexedChain> chain = Optional.ofNullable(committed.chains().get(node.getKey()));
            long live = liveFrom.getOrDefault(node.getKey(), Long.MAX_VALUE);
            if (chain.isEmpty()) {
                resumes.add(new Resume(node.getKey(), node.getValue(), 0, Optional.empty(), live));
                continue;
            }
            long heldUpTo = chain.get().gaplessFrom(Math.max(chain.get().firstSeq(), readThrough.getOrDefault(node.getKey(), 0L) + 1));
            OptionalLong firstInFiles = firstSeq(node.getValue());
            untrusted = mismatch(index, node.getKey(), chain.get(), heldUpTo, firstInFiles, node.getValue(), reader);
            resumes.add(resume(node.getKey(), chain.get(), heldUpTo, firstInFiles, node.getValue(), live));
        }
        if (untrusted.isPresent()) {
            index.deleteAll();
            readThrough.clear();
            // Listed and read afresh: this node may have started a file, and indexed records
            // into it, since the first listing; the clearing removed them from the index.
            resumes = AuditFiles.byNode(List.of(directory)).entrySet().stream()
                .map(node -> new Resume(node.getKey(), node.getValue(), 0, Optional.empty(),
                    liveFrom.getOrDefault(node.getKey(), Long.MAX_VALUE))).toList();
            reader = new LastFileRead();
        }
        ready.accept(Map.copyOf(readThrough));
        long added = 0;
        for (Resume resume : resumes) {
            added += addAfter(index, resume, stopping, reader, readThrough);
        }
        commit(index, directory, readThrough);
        return new Outcome(untrusted, added, Map.copyOf(readThrough));
    }

    /**
     * Commits the index with the audit files found now and their sizes, for the next start's
     * check (records indexed are always in files at least this long: a record is written to its
     * file before it is indexed), and the last seq of each node the catch-up read.
     */
    public static void commit(AuditIndex index, Path directory, Map<String, Long> readThrough) throws IOException {
        Path base = directory.toAbsolutePath().normalize();
        StringBuilder listing = new StringBuilder();
        for (List<Path> nodeFiles : AuditFiles.byNode(List.of(directory)).values()) {
            for (Path file : nodeFiles) {
                listing.append(relative(base, file)).append('=').append(Files.size(file)).append('\n');
            }
        }
        StringBuilder read = new StringBuilder();
        readThrough.forEach((node, seq) -> read.append(node).append('=').append(seq).append('\n'));
        index.commit(Map.of(FILES, listing.toString(), READ_THROUGH, read.toString(), FORMAT, LOCATED_RECORDS_BY_HASH));
    }

    /** The files are told apart by their path under the directory: a copy in a subfolder is another file. */
    private static String relative(Path base, Path file) {
        return base.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /** {@code key=number} lines, as {@link #commit} writes them. */
    private static Map<String, Long> decode(String lines) {
        Map<String, Long> decoded = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int equals = line.lastIndexOf('=');
            if (equals > 0) {
                decoded.put(line.substring(0, equals), Long.parseLong(line.substring(equals + 1)));
            }
        }
        return decoded;
    }

    /** Why the committed index cannot be trusted as a whole, if it cannot. */
    private static Optional<String> untrusted(CommittedState committed, SortedMap<String, List<Path>> files, Path directory)
        throws IOException {
        if (committed.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> listing = Optional.ofNullable(committed.data().get(FILES));
        if (listing.isEmpty()) {
            return Optional.of("the index does not list the files it read: it was made by an earlier version");
        }
        Optional<String> format = Optional.ofNullable(committed.data().get(FORMAT));
        if (format.isEmpty()) {
            return Optional.of("the index stores whole records: it was made by an earlier version");
        }
        if (format.get().equals(LOCATED_RECORDS)) {
            return Optional.of("the index fingerprints each line by its text: it was made by an earlier version");
        }
        if (!format.get().equals(LOCATED_RECORDS_BY_HASH)) {
            return Optional.of("the index is in format " + format.get() + ", not " + LOCATED_RECORDS_BY_HASH + ": it was made by another version");
        }
        for (Map.Entry<String, IndexedChain> chain : committed.chains().entrySet()) {
            if (!files.containsKey(chain.getKey())) {
                return Optional.of("the index holds records of node " + chain.getKey() + ", whose files are gone");
            }
            if (chain.getValue().holdsARecordTwice()) {
                return Optional.of("the index holds " + (chain.getValue().count() - chain.getValue().distinct()) + " records of node "
                    + chain.getKey() + " more than once");
            }
        }
        Path base = directory.toAbsolutePath().normalize();
        Map<String, Path> present = new LinkedHashMap<>();
        for (List<Path> nodeFiles : files.values()) {
            nodeFiles.forEach(file -> present.put(relative(base, file), file));
        }
        for (Map.Entry<String, Long> listed : decode(listing.get()).entrySet()) {
            if (!present.containsKey(listed.getKey())) {
                return Optional.of("file " + listed.getKey() + " was removed since it was indexed");
            }
            if (Files.size(present.get(listed.getKey())) < listed.getValue()) {
                return Optional.of("file " + listed.getKey() + " is shorter than when it was indexed");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mismatch(AuditIndex index, String node, IndexedChain chain, long heldUpTo, OptionalLong firstInFiles,
                                             List<Path> files, LastFileRead reader) throws IOException {
        if (firstInFiles.isEmpty() || chain.firstSeq() < firstInFiles.getAsLong()) {
            return Optional.of("node " + node + ": the index holds record " + chain.firstSeq() + ", the files start at "
                + (firstInFiles.isPresent() ? "record " + firstInFiles.getAsLong() : "no record"));
        }
        if (chain.firstSeq() > firstInFiles.getAsLong()) {
            return Optional.empty();
        }
        Optional<AuditRecord> inFiles = find(filesFrom(files, heldUpTo), heldUpTo, reader);
        if (inFiles.isEmpty() || !inFiles.equals(index.indexed(node, heldUpTo))) {
            return Optional.of("node " + node + ": record " + heldUpTo + " is not in the files as it was indexed");
        }
        return Optional.empty();
    }

    /** After what the index holds, or from the start when the index lacks the node's first records. */
    private static Resume resume(String node, IndexedChain chain, long heldUpTo, OptionalLong firstInFiles, List<Path> files,
                                 long liveFrom) throws IOException {
        if (firstInFiles.isPresent() && chain.firstSeq() > firstInFiles.getAsLong()) {
            return new Resume(node, files, 0, Optional.of(chain), liveFrom);
        }
        return new Resume(node, filesFrom(files, heldUpTo + 1), heldUpTo, Optional.of(chain), liveFrom);
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

    private static long addAfter(AuditIndex index, Resume resume, BooleanSupplier stopping, LastFileRead reader,
                                 Map<String, Long> readThrough) throws IOException {
        long added = 0;
        // The seqs this run met, after resume.afterSeq(): a file and its copy in a subfolder both
        // hold them, and the index has no term that would keep one copy of a record added twice.
        // Counted from the first seq met (SeqSet): a catch-up from 0 meets seqs past 2^31.
        SeqSet met = new SeqSet();
        for (Path file : resume.files()) {
            for (AuditLine line : reader.lines(file)) {
                Optional<LocatedRecord> record = line.located().filter(candidate -> resume.reads(candidate.record().seq()));
                if (record.isPresent()) {
                    long seq = record.get().record().seq();
                    readThrough.merge(resume.node(), seq, Math::max);
                    if (!met.add(seq)) {
                        continue;
                    }
                    if (resume.holds(seq)) {
                        continue;
                    }
                    index.add(record.get());
                    added++;
                    if (added % 1_000 == 0 && stopping.getAsBoolean()) {
                        throw new Stopped(readThrough);
                    }
                }
            }
            if (stopping.getAsBoolean()) {
                throw new Stopped(readThrough);
            }
        }
        return added;
    }
}
