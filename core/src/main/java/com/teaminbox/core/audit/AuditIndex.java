package com.teaminbox.core.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
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
 * to date as records are written. A record is stored as its JSON line and indexed by its
 * {@code node/seq}, so adding one twice keeps one copy.
 */
public final class AuditIndex implements Closeable {
    private static final String ID = "id";
    private static final String TIME = "time";
    private static final String NODE = "node";
    private static final String SEQ = "seq";
    private static final String TYPE = "type";
    private static final String ACTOR = "actor";
    private static final String TICKET = "ticket";
    private static final String MAILBOX = "mailbox";
    private static final String JSON = "json";
    private static final Sort CHRONOLOGICAL = new Sort(new SortField(TIME, SortField.Type.LONG),
        new SortField(NODE, SortField.Type.STRING), new SortField(SEQ, SortField.Type.LONG));

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private Map<String, String> lastCommitData = Map.of();

    public AuditIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.writer = new IndexWriter(directory, new IndexWriterConfig(new KeywordAnalyzer()));
        this.searchers = new SearcherManager(writer, null);
    }

    /** For one-off searches (the command line): built from the files, gone when closed. */
    public static AuditIndex inMemory() throws IOException {
        return new AuditIndex(new ByteBuffersDirectory());
    }

    /**
     * Replaces the whole index with the records of these files (directories are searched
     * recursively). Lines that are not records are skipped: reporting them is the verifier's job.
     *
     * @return how many records were indexed
     */
    public long rebuildFrom(Collection<Path> filesOrDirectories) throws IOException {
        writer.deleteAll();
        long indexed = 0;
        for (List<Path> files : AuditFiles.byNode(filesOrDirectories).values()) {
            for (Path file : files) {
                for (AuditLine line : AuditLines.read(file)) {
                    Optional<AuditRecord> record = line.record();
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
     * Indexes one record, replacing the copy the index may hold already (a catch-up reading files
     * that live records are also added from); searches see it from their next call.
     */
    public void add(AuditRecord record) throws IOException {
        writer.updateDocument(new Term(ID, id(record)), document(record));
    }

    /**
     * Indexes records the index cannot hold yet (written after everything a catch-up read), as one
     * batch: no lookup of an earlier copy, which is most of what {@link #add} costs per record.
     */
    public void addNew(List<AuditRecord> records) throws IOException {
        if (!records.isEmpty()) {
            writer.addDocuments(records.stream().map(AuditIndex::document).toList());
        }
    }

    private static String id(AuditRecord record) {
        return record.node() + "/" + record.seq();
    }

    private static Document document(AuditRecord record) {
        Document document = new Document();
        document.add(new StringField(ID, id(record), Field.Store.NO));
        document.add(new LongPoint(TIME, record.time().toEpochMilli()));
        document.add(new NumericDocValuesField(TIME, record.time().toEpochMilli()));
        document.add(new SortedDocValuesField(NODE, new BytesRef(record.node())));
        document.add(new NumericDocValuesField(SEQ, record.seq()));
        document.add(new StringField(TYPE, record.type().wireName(), Field.Store.NO));
        document.add(new StringField(ACTOR, folded(record.actor().name()), Field.Store.NO));
        record.ticket().ifPresent(ticket -> document.add(new StringField(TICKET, folded(ticket), Field.Store.NO)));
        record.mailbox().ifPresent(mailbox -> document.add(new StringField(MAILBOX, folded(mailbox), Field.Store.NO)));
        document.add(new StoredField(JSON, record.toJson()));
        return document;
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
            // Two passes: count and bounds first; the seqs themselves only for a node with a gap,
            // as one bit each between its bounds (a trail of ten million records: 1.2 MB).
            Map<String, long[]> bounds = new TreeMap<>();
            forEachSeq(reader, (node, seq) -> {
                long[] known = bounds.computeIfAbsent(node, any -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
                known[0]++;
                known[1] = Math.min(known[1], seq);
                known[2] = Math.max(known[2], seq);
            });
            Map<String, BitSet> present = new TreeMap<>();
            bounds.forEach((node, known) -> {
                if (known[0] != known[2] - known[1] + 1) {
                    present.put(node, new BitSet());
                }
            });
            if (!present.isEmpty()) {
                forEachSeq(reader, (node, seq) -> Optional.ofNullable(present.get(node))
                    .ifPresent(bits -> bits.set(Math.toIntExact(seq - bounds.get(node)[1]))));
            }
            Map<String, IndexedChain> chains = new TreeMap<>();
            bounds.forEach((node, known) -> chains.put(node,
                new IndexedChain(known[0], known[1], known[2], Optional.ofNullable(present.get(node)))));
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

    /** The record of {@code node} numbered {@code seq}, as the index stored it. */
    public Optional<AuditRecord> indexed(String node, long seq) throws IOException {
        searchers.maybeRefreshBlocking();
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs top = searcher.search(new TermQuery(new Term(ID, node + "/" + seq)), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.empty();
            }
            return Optional.of(AuditRecord.parse(searcher.storedFields().document(top.scoreDocs[0].doc).get(JSON)));
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
            StoredFields stored = searcher.storedFields();
            List<AuditRecord> records = new ArrayList<>();
            for (int index = query.offset(); index < top.scoreDocs.length; index++) {
                ScoreDoc hit = top.scoreDocs[index];
                records.add(AuditRecord.parse(stored.document(hit.doc).get(JSON)));
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
