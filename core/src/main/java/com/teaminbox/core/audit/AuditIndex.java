package com.teaminbox.core.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * A search index over audit records, ordered by time, then node, then seq. The files are the
 * truth and the index is disposable: {@link #rebuildFrom} recreates it, {@link #add} keeps it up
 * to date as records are written. A record is indexed by the fields searches filter on, with its
 * node and seq as doc values; no term names it alone (that term, unique to each record, cost the
 * index thread about a third of its work per record, docs/benchmarks.md): whoever adds a record
 * makes sure the index does not hold it yet ({@link AuditIndexCatchUp}). Of the record itself the index
 * keeps only where its line is (file and byte offset, as doc values) and a fingerprint of the line (the first 64
 * bits of its hash, {@link #fingerprint}): a search reads
 * the lines it answers with from the files. Storing each record whole cost the index thread about
 * half its time (compressing stored fields at each flush, docs/benchmarks.md). Files are named
 * relative to the audit directory, so that the index moves with it.
 */
public final class AuditIndex implements Closeable {
    private static final String TIME = "time";
    private static final String NODE = "node";
    private static final String SEQ = "seq";
    private static final String TYPE = "type";
    private static final String ACTOR = "actor";
    private static final String TICKET = "ticket";
    private static final String MAILBOX = "mailbox";
    private static final String FILE = "file";
    private static final String OFFSET = "offset";
    /**
     * The first 64 bits of the record's hash ({@link #fingerprint}): with the line's own check of its
     * hash ({@link AuditRecord#isSealed}), enough to tell that a file no longer holds the line indexed.
     * It is read from the hash the record already holds: the line's text, which its
     * {@link String#hashCode} (the fingerprint of the index format before) needed decoded on the
     * index thread for every record, is not made.
     */
    private static final String FINGERPRINT = "fingerprint";
    private static final Sort CHRONOLOGICAL = new Sort(new SortField(TIME, SortField.Type.LONG),
        new SortField(NODE, SortField.Type.STRING), new SortField(SEQ, SortField.Type.LONG));

    private final Directory directory;
    private final Path auditDirectory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private Map<String, String> lastCommitData = Map.of();
    /** The file last named, and its name: records come in runs from one file; naming a path costs a microsecond. */
    private volatile FileName lastFileName = new FileName(Path.of(""), new BytesRef(""));

    private record FileName(Path file, BytesRef name) {
    }

    /** An index of the records in {@code auditDirectory}: files are named relative to it. */
    public AuditIndex(Directory directory, Path auditDirectory) throws IOException {
        this.directory = directory;
        this.auditDirectory = auditDirectory.toAbsolutePath().normalize();
        this.writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()));
        this.searchers = new SearcherManager(writer, null);
    }

    /** An index whose files are named relative to the working directory. */
    public AuditIndex(Directory directory) throws IOException {
        this(directory, Path.of(""));
    }

    /** For one-off searches (the command line): built from the files, gone when closed. */
    public static AuditIndex inMemory() throws IOException {
        return new AuditIndex(new ByteBuffersDirectory());
    }

    /**
     * Replaces the whole index with the records of these files (directories are searched
     * recursively). Lines that are not records are skipped: reporting them is the verifier's job.
     * A record found in more than one file (a copy in a subfolder) is indexed once, from the first
     * of them in chain order: the index names no record by a term that would keep one copy.
     *
     * @return how many records were indexed
     */
    public long rebuildFrom(Collection<Path> filesOrDirectories) throws IOException {
        writer.deleteAll();
        long indexed = 0;
        for (List<Path> files : AuditFiles.byNode(filesOrDirectories).values()) {
            SeqSet added = new SeqSet();
            for (Path file : files) {
                for (AuditLine line : AuditLines.read(file)) {
                    Optional<LocatedRecord> record = line.located().filter(located -> added.add(located.record().seq()));
                    if (record.isPresent()) {
                        add(record.get());
                        indexed++;
                    }
                }
            }
        }
        writer.commit();
        searchers.maybeRefreshBlocking();
        return indexed;
    }

    /**
     * Indexes one record the index does not hold (the caller knows: {@link AuditIndexCatchUp});
     * searches see it from their next call.
     */
    public void add(LocatedRecord record) throws IOException {
        writer.addDocument(document(record));
    }

    /** Indexes records the index does not hold (written after everything a catch-up reads), as one batch. */
    public void addNew(List<LocatedRecord> records) throws IOException {
        if (records.isEmpty()) {
            return;
        }
        ReusedFields fields = new ReusedFields();
        // Lucene takes each document's values before it asks for the next (IndexWriter indexes a
        // batch one document at a time), so one set of fields serves the whole batch.
        Iterable<Iterable<IndexableField>> documents = () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < records.size();
            }

            @Override
            public Iterable<IndexableField> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return fields.of(records.get(next++));
            }
        };
        writer.addDocuments(documents);
    }

    /**
     * The fields of {@link #document}, allocated once per batch and given each record's values in
     * turn, instead of a dozen objects per record on the index thread (which in the server runs
     * as profiled code as well). The terms are given as bytes: the type's made once, an actor's or a mailbox's once per batch (a batch's records name few
     * of them), instead of encoding each value to UTF-8 for every record. The terms are the same
     * bytes {@link #document} indexes from strings.
     */
    private final class ReusedFields {
        private final LongPoint timePoint = new LongPoint(TIME, 0L);
        private final NumericDocValuesField time = new NumericDocValuesField(TIME, 0L);
        private final SortedDocValuesField node = new SortedDocValuesField(NODE, new BytesRef());
        private final NumericDocValuesField seq = new NumericDocValuesField(SEQ, 0L);
        private final SortedDocValuesField file = new SortedDocValuesField(FILE, new BytesRef());
        private final NumericDocValuesField offset = new NumericDocValuesField(OFFSET, 0L);
        private final NumericDocValuesField fingerprint = new NumericDocValuesField(FINGERPRINT, 0L);
        private final List<IndexableField> fields = new ArrayList<>(12);
        /** A batch's records are nearly all of this node: its name is made bytes once. */
        private String lastNode = "";
        private BytesRef lastNodeBytes = new BytesRef("");
        /** Folded actors and mailboxes as term bytes, for this batch. */
        private final Map<String, BytesRef> foldedTerms = new HashMap<>();

        /** The fields of this record's document, valid until the next call. */
        List<IndexableField> of(LocatedRecord located) {
            AuditRecord record = located.record();
            fields.clear();
            if (!record.node().equals(lastNode)) {
                lastNode = record.node();
                lastNodeBytes = new BytesRef(lastNode);
            }
            long millis = record.time().toEpochMilli();
            timePoint.setLongValue(millis);
            fields.add(timePoint);
            time.setLongValue(millis);
            fields.add(time);
            node.setBytesValue(lastNodeBytes);
            fields.add(node);
            seq.setLongValue(record.seq());
            fields.add(seq);
            // Lucene refuses new bytes in an indexed field it holds (Field.setBytesValue): the
            // term fields (type, actor, ticket, mailbox) are made anew for each record.
            fields.add(new StringField(TYPE, TYPE_TERMS[record.type().ordinal()], Field.Store.NO));
            fields.add(new StringField(ACTOR, foldedTerm(record.actor().name()), Field.Store.NO));
            Optional<String> ticketOf = record.ticket();
            if (ticketOf.isPresent()) {
                fields.add(new StringField(TICKET, folded(ticketOf.get()), Field.Store.NO));
            }
            Optional<String> mailboxOf = record.mailbox();
            if (mailboxOf.isPresent()) {
                fields.add(new StringField(MAILBOX, foldedTerm(mailboxOf.get()), Field.Store.NO));
            }
            file.setBytesValue(fileName(located.file()));
            fields.add(file);
            offset.setLongValue(located.offset());
            fields.add(offset);
            fingerprint.setLongValue(fingerprint(record));
            fields.add(fingerprint);
            return fields;
        }

        private BytesRef foldedTerm(String value) {
            BytesRef term = foldedTerms.get(value);
            if (term == null) {
                term = new BytesRef(folded(value));
                foldedTerms.put(value, term);
            }
            return term;
        }
    }

    /** Each type's term, as {@link #document} indexes its wire name. */
    private static final BytesRef[] TYPE_TERMS = Arrays.stream(AuditEventType.values())
        .map(type -> new BytesRef(type.wireName())).toArray(BytesRef[]::new);

    private Document document(LocatedRecord located) {
        AuditRecord record = located.record();
        Document document = new Document();
        document.add(new LongPoint(TIME, record.time().toEpochMilli()));
        document.add(new NumericDocValuesField(TIME, record.time().toEpochMilli()));
        document.add(new SortedDocValuesField(NODE, new BytesRef(record.node())));
        document.add(new NumericDocValuesField(SEQ, record.seq()));
        document.add(new StringField(TYPE, record.type().wireName(), Field.Store.NO));
        document.add(new StringField(ACTOR, folded(record.actor().name()), Field.Store.NO));
        record.ticket().ifPresent(ticket -> document.add(new StringField(TICKET, folded(ticket), Field.Store.NO)));
        record.mailbox().ifPresent(mailbox -> document.add(new StringField(MAILBOX, folded(mailbox), Field.Store.NO)));
        document.add(new SortedDocValuesField(FILE, fileName(located.file())));
        document.add(new NumericDocValuesField(OFFSET, located.offset()));
        document.add(new NumericDocValuesField(FINGERPRINT, fingerprint(record)));
        return document;
    }

    /** The file relative to the audit directory; one outside it (given on the command line) absolute. */
    private BytesRef fileName(Path file) {
        FileName last = lastFileName;
        if (last.file().equals(file)) {
            return last.name();
        }
        Path absolute = file.toAbsolutePath().normalize();
        BytesRef name = new BytesRef(absolute.startsWith(auditDirectory) ? auditDirectory.relativize(absolute).toString() : absolute.toString());
        lastFileName = new FileName(file, name);
        return name;
    }

    /** The first sixteen hexadecimal digits of the record's hash, as a number. */
    static long fingerprint(AuditRecord record) {
        String hash = record.hash();
        long bits = 0;
        for (int at = 0; at < 16; at++) {
            bits = bits << 4 | Character.digit(hash.charAt(at), 16);
        }
        return bits;
    }

    /** Where a document's record is, and the fingerprint of its line when it was indexed. */
    private record Pointer(String file, long offset, long fingerprint) {
    }

    private static Pointer pointer(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int local = doc - leaf.docBase;
        SortedDocValues files = DocValues.getSorted(leaf.reader(), FILE);
        NumericDocValues offsets = DocValues.getNumeric(leaf.reader(), OFFSET);
        NumericDocValues fingerprints = DocValues.getNumeric(leaf.reader(), FINGERPRINT);
        if (!files.advanceExact(local) || !offsets.advanceExact(local) || !fingerprints.advanceExact(local)) {
            throw new IOException("An audit index entry without its place in the files (doc " + doc + ")");
        }
        return new Pointer(files.lookupOrd(files.ordValue()).utf8ToString(), offsets.longValue(), fingerprints.longValue());
    }

    /** Reads the records of a search's hits from their files, each file opened once. */
    private final class LineReader implements Closeable {
        private final Map<String, RandomAccessFile> open = new HashMap<>();

        AuditRecord read(Pointer pointer) throws IOException {
            RandomAccessFile file = open.get(pointer.file());
            if (file == null) {
                file = new RandomAccessFile(auditDirectory.resolve(pointer.file()).toFile(), "r");
                open.put(pointer.file(), file);
            }
            try {
                return AuditRecord.parse(AuditLines.lineAt(file, pointer.offset()));
            } catch (IOException | MalformedAuditRecordException e) {
                throw new IOException("The audit file " + pointer.file() + " changed since it was indexed (no record at byte "
                    + pointer.offset() + ": " + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() throws IOException {
            for (RandomAccessFile file : open.values()) {
                file.close();
            }
        }
    }

    /**
     * What the index's last commit holds of each node's chain, and the data stored with that
     * commit: records added since (not committed) are not seen, so that a catch-up started after
     * live records were added still sees where the previous run stopped.
     */
    public CommittedState committed() throws IOException {
        if (!DirectoryReader.indexExists(directory)) {
            return new CommittedState(Map.of(), Map.of());
        }
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            // Two passes: count and bounds first, then the seqs themselves as one bit each from a
            // node's first seq (a trail of ten million records: 1.2 MB), a seq far above the
            // others kept apart (SeqSet): memory follows the count, not the seqs' value. Gapless
            // is told by the distinct seqs, not by the count: a record held twice beside one
            // missing would give the count of a gapless chain.
            Map<String, long[]> bounds = new TreeMap<>();
            forEachSeq(reader, (node, seq) -> {
                long[] known = bounds.computeIfAbsent(node, any -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                known[0]++;
                known[1] = Math.min(known[1], seq);
                known[2] = Math.max(known[2], seq);
            });
            Map<String, SeqSet> seqs = new TreeMap<>();
            bounds.forEach((node, known) -> seqs.put(node, new SeqSet(known[1], known[0])));
            forEachSeq(reader, (node, seq) -> seqs.get(node).add(seq));
            Map<String, IndexedChain> chains = new TreeMap<>();
            bounds.forEach((node, known) -> {
                SeqSet present = seqs.get(node);
                long distinct = present.size();
                boolean gapless = distinct == known[2] - known[1] + 1;
                chains.put(node, new IndexedChain(known[0], distinct, known[1], known[2],
                    gapless ? Optional.empty() : Optional.of(present)));
            });
            return new CommittedState(chains, Map.copyOf(reader.getIndexCommit().getUserData()));
        }
    }

    private interface SeqConsumer {
        void accept(String node, long seq);
    }

    private static void forEachSeq(DirectoryReader reader, SeqConsumer consumer) throws IOException {
        for (LeafReaderContext leaf : reader.leaves()) {
            SortedDocValues nodes = DocValues.getSorted(leaf.reader(), NODE);
            NumericDocValues values = DocValues.getNumeric(leaf.reader(), SEQ);
            Bits live = leaf.reader().getLiveDocs();
            String[] names = new String[nodes.getValueCount()];
            for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
                if ((live == null || live.get(doc)) && nodes.advanceExact(doc) && values.advanceExact(doc)) {
                    int ord = nodes.ordValue();
                    if (names[ord] == null) {
                        names[ord] = nodes.lookupOrd(ord).utf8ToString();
                    }
                    consumer.accept(names[ord], values.longValue());
                }
            }
        }
    }

    /**
     * The record of {@code node} numbered {@code seq}, read where the index says it is, when that
     * place still holds the line the index was given: that record, its hash the one indexed (same
     * fingerprint) and still the hash of its content (a line edited in place keeps its hash member,
     * not its content's hash); empty otherwise.
     */
    public Optional<AuditRecord> indexed(String node, long seq) throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            // Two doc values read for every document: once per node at a start, not worth a term per record.
            Query record = new BooleanQuery.Builder()
                .add(SortedDocValuesField.newSlowExactQuery(NODE, new BytesRef(node)), BooleanClause.Occur.FILTER)
                .add(NumericDocValuesField.newSlowExactQuery(SEQ, seq), BooleanClause.Occur.FILTER)
                .build();
            TopDocs top = searcher.search(record, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            Pointer pointer = pointer(searcher, top.scoreDocs[0].doc);
            try (LineReader lines = new LineReader()) {
                AuditRecord located = lines.read(pointer);
                boolean asIndexed = located.node().equals(node) && located.seq() == seq
                    && fingerprint(located) == pointer.fingerprint() && located.isSealed();
                return asIndexed ? Optional.of(located) : Optional.empty();
            } catch (IOException e) {
                // The place is gone or holds something else: the index does not match the files.
                return Optional.empty();
            }
        } finally {
            searchers.release(searcher);
        }
    }

    /** Empties the index (a rebuild's first step); searches see it from their next call. */
    public void deleteAll() throws IOException {
        writer.deleteAll();
    }

    /**
     * Makes what was added so far survive a restart, with {@code data} stored beside it (read
     * back by {@link #committed()}). Until then a crash loses it from the index, never from the
     * files. Nothing is written when neither the records nor the data changed.
     */
    public synchronized void commit(Map<String, String> data) throws IOException {
        if (!writer.hasUncommittedChanges() && data.equals(lastCommitData)) {
            return;
        }
        writer.setLiveCommitData(Map.copyOf(data).entrySet());
        writer.commit();
        lastCommitData = Map.copyOf(data);
    }

    public AuditPage search(AuditQuery query) throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            Query lucene = luceneQuery(query);
            TopFieldDocs top = searcher.search(lucene, query.page() * query.pageSize(), CHRONOLOGICAL);
            List<AuditRecord> records = new ArrayList<>();
            try (LineReader lines = new LineReader()) {
                for (int index = query.offset(); index < top.scoreDocs.length; index++) {
                    ScoreDoc hit = top.scoreDocs[index];
                    records.add(lines.read(pointer(searcher, hit.doc)));
                }
            }
            return new AuditPage(records, searcher.count(lucene), query.page(), query.pageSize());
        } finally {
            searchers.release(searcher);
        }
    }

    private static Query luceneQuery(AuditQuery query) {
        BooleanQuery.Builder filters = new BooleanQuery.Builder();
        if (query.since().isPresent() || query.until().isPresent()) {
            long from = query.since().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
            long to = query.until().map(until -> until.toEpochMilli() - 1).orElse(Long.MAX_VALUE);
            filters.add(LongPoint.newRangeQuery(TIME, from, to), BooleanClause.Occur.FILTER);
        }
        term(filters, TYPE, query.type().map(AuditEventType::wireName));
        term(filters, ACTOR, query.actor().map(AuditIndex::folded));
        term(filters, TICKET, query.ticket().map(AuditIndex::folded));
        term(filters, MAILBOX, query.mailbox().map(AuditIndex::folded));
        BooleanQuery built = filters.build();
        return built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
    }

    private static void term(BooleanQuery.Builder filters, String field, Optional<String> value) {
        value.ifPresent(present -> filters.add(new TermQuery(new Term(field, present)), BooleanClause.Occur.FILTER));
    }

    /** Addresses and ticket ids are typed by people in any case; the index compares them folded. */
    private static String folded(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
