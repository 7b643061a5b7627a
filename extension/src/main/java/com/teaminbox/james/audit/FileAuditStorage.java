package com.teaminbox.james.audit;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.audit.AuditChainWriter;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditGroupCommit;
import com.teaminbox.core.audit.AuditIndex;
import com.teaminbox.core.audit.AuditIndexCatchUp;
import com.teaminbox.core.audit.AuditPage;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.audit.AuditSettings;
import com.teaminbox.core.audit.AuditUnavailableException;
import com.teaminbox.core.audit.FlushPolicy;
import com.teaminbox.core.audit.LocatedRecord;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * This node's chained audit files, under {@code <audit directory>} (default {@code var/audit/} of
 * James's working directory), and a Lucene index of every node's files found there, kept next to
 * them in {@code <directory>-index/<node>/}. The files are the truth: when the storage opens, the index
 * reads what was written since it was last committed (or is rebuilt from the files when it does
 * not match them), then follows each record; it is committed every minute and when James stops.
 * Records are handed to the node's writer thread, which writes them in groups ({@link AuditGroupCommit}),
 * and indexed in batches by another thread, once a second: a search first indexes what was recorded
 * before it.
 *
 * <p>Opened on first use with the configuration in force; directory and node are read once
 * (changing them needs a restart). A storage that cannot open (directory not writable) is tried
 * again at the next record, so that the trail resumes as soon as an administrator fixes it.
 */
@Singleton
public class FileAuditStorage implements AuditStorage {
    private static final Logger LOGGER = LoggerFactory.getLogger(FileAuditStorage.class);
    private static final String DEFAULT_NODE = "james";
    /** How often the index is committed: after a crash, the records of about this long are read again. */
    private static final Duration COMMIT_EVERY = Duration.ofMinutes(1);
    static final String RECORDS_READ_AT_START = "teaminbox.audit.index.records-read-at-start";
    static final String REBUILDS_AT_START = "teaminbox.audit.index.rebuilds-at-start";
    /** Records are indexed in batches this often: one wake-up of the index thread a second, not one per record. */
    static final Duration INDEX_EVERY = Duration.ofSeconds(1);
    /**
     * ...or as soon as this many wait, which bounds the memory they hold once the catch-up has
     * checked the index. Before, in the first seconds after a start, what this node writes waits
     * for the check, however much it is: the check reads the index's doc values and a file or
     * two, not the trail.
     */
    static final int INDEX_BATCH = 4096;
    /** How long a stop waits for the catch-up's current file and a running commit. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);
    /**
     * How long a search waits for the catch-up's check of the index after a start; past it, the
     * search answers from the index as it is, without the records written since the start.
     */
    static final Duration SEARCH_WAIT = Duration.ofSeconds(5);

    private final FileSystem fileSystem;
    private final ConfigurationInForce configurationStore;
    private final Clock clock;
    private final MetricFactory metricFactory;
    private Optional<AuditChainWriter> writer = Optional.empty();
    private volatile Optional<AuditGroupCommit> group = Optional.empty();
    /** Adds written records to the index in batches: every {@link #INDEX_EVERY}, sooner past {@link #INDEX_BATCH}, before a search. */
    private final ScheduledExecutorService indexer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "teaminbox-audit-index");
        thread.setDaemon(true);
        return thread;
    });
    /** Written and not yet indexed, in the order written. */
    private final Queue<LocatedRecord> unindexed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unindexedCount = new AtomicInteger();
    /** Set while a batch is asked of the index thread ahead of its schedule, so that one is asked at a time. */
    private final AtomicBoolean batchAsked = new AtomicBoolean();
    /**
     * Open once the catch-up has checked the index (and emptied it for a rebuild): from then on
     * the records this node writes are indexed, in batches; the catch-up reads only those written
     * before this node's writer opened ({@link AuditIndexCatchUp#run}), so that none is indexed twice.
     */
    private final CountDownLatch liveIndexing = new CountDownLatch(1);
    /**
     * Set once the catch-up has checked the index (and emptied it for a rebuild): only then may a
     * commit stamp it with this version's format and the files found. An index nobody checked
     * (the catch-up failed before) is not committed by this node: it may be of an earlier format.
     */
    private volatile boolean checked;
    private volatile Optional<AuditIndex> index = Optional.empty();
    private volatile Optional<Thread> catchUpThread = Optional.empty();
    private volatile boolean stopping;
    private volatile Path directoryInUse;
    /**
     * The last seq of each node the catch-up read, kept in every later commit: as the check left
     * it (the previous commit's, none after a rebuild's emptying) until the catch-up is done.
     */
    private volatile Map<String, Long> readThrough = Map.of();
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "teaminbox-audit-index-commit");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public FileAuditStorage(FileSystem fileSystem, ConfigurationInForce configurationStore, Clock clock,
                            MetricFactory metricFactory) {
        this.fileSystem = fileSystem;
        this.configurationStore = configurationStore;
        this.clock = clock;
        this.metricFactory = metricFactory;
    }

    /**
     * Returns once the record is written: by this thread when the writer thread sleeps (no
     * wake-up), else in the writer's next group ({@link AuditGroupCommit#append}).
     */
    @Override
    public void append(AuditEvent event) {
        openGroup().append(event);
    }

    /**
     * Hands the record to this node's writer thread without waiting ({@link AuditGroupCommit}).
     *
     * @throws AuditUnavailableException when the trail cannot even be opened
     */
    @Override
    public CompletableFuture<AuditRecord> submit(AuditEvent event) {
        return openGroup().submit(event);
    }

    /** Once open, a volatile read: no lock taken by every recording thread (SMTP, spooler, IMAP) for every record. */
    private AuditGroupCommit openGroup() {
        Optional<AuditGroupCommit> open = group;
        return open.isPresent() ? open.get() : openGroupOnce();
    }

    private synchronized AuditGroupCommit openGroupOnce() {
        if (group.isEmpty()) {
            group = Optional.of(new AuditGroupCommit(openWriter(), this::toIndex));
        }
        return group.get();
    }

    /**
     * On the writing thread, after each group: the records wait for the index thread, which adds
     * them in batches, off the callers' way.
     */
    private void toIndex(List<LocatedRecord> records) {
        if (index.isEmpty()) {
            return;
        }
        if (records.size() == 1) {
            // a caller's own record, written alone: most records (no iterator, no chain of nodes to link)
            unindexed.add(records.get(0));
        } else {
            unindexed.addAll(records);
        }
        // While the catch-up checks the index no batch is asked: the index thread could not add it.
        if (unindexedCount.addAndGet(records.size()) >= INDEX_BATCH && liveIndexing.getCount() == 0) {
            askBatch();
        }
    }

    /** Asks the index thread for a batch ahead of its schedule, unless one is asked already. */
    private void askBatch() {
        if (batchAsked.compareAndSet(false, true)) {
            try {
                indexer.execute(this::indexWaiting);
            } catch (RejectedExecutionException e) {
                // James is stopping: the records are in the files, and the next start indexes them.
                batchAsked.set(false);
            }
        }
    }

    /** On the index thread: adds what waits, as one batch (once the catch-up let live records in). */
    private void indexWaiting() {
        batchAsked.set(false);
        if (liveIndexing.getCount() > 0) {
            return;
        }
        List<LocatedRecord> batch = new ArrayList<>();
        for (LocatedRecord record = unindexed.poll(); record != null; record = unindexed.poll()) {
            batch.add(record);
        }
        unindexedCount.addAndGet(-batch.size());
        Optional<AuditIndex> searchable = index; // empty once James stops: the next start indexes them from the files
        if (batch.isEmpty() || searchable.isEmpty()) {
            return;
        }
        try {
            searchable.get().addNew(batch);
        } catch (IOException | RuntimeException e) {
            // The index is disposable: the next start reads what it lacks from the files.
            LOGGER.warn("Could not index {} audit records", batch.size(), e);
        }
    }

    /**
     * Until every record written before this call is in the index: a search sees what was recorded
     * before it. Right after a start the catch-up may still be checking the index: a search waits
     * {@link #SEARCH_WAIT} for it, then answers without the records written since the start.
     */
    private void awaitIndexed() {
        openGroup().flush();
        if (index.isEmpty()) {
            return; // not open: search() says so
        }
        try {
            if (!liveIndexing.await(SEARCH_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOGGER.warn("The audit index is still being checked after the start; this search is answered without the"
                    + " records written since the start (they are in the files, and in the index once it is checked)");
                return;
            }
            indexer.submit(this::indexWaiting).get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOGGER.warn("The audit index is behind the files; this search may miss the newest records", e);
        }
    }

    /** Whether what this node writes is indexed without waiting for a catch-up's check (for tests). */
    boolean liveIndexingOpen() {
        return liveIndexing.getCount() == 0;
    }

    /**
     * Searches every node's records found in the audit directory. Right after a start, while the
     * index is being rebuilt from the files, older records may be missing from the answers.
     */
    public AuditPage search(AuditQuery query) throws IOException {
        awaitIndexed();
        Optional<AuditIndex> searchable = index;
        if (searchable.isEmpty()) {
            throw new IOException("The audit index could not be opened; see the server log");
        }
        return searchable.get().search(query);
    }

    private AuditChainWriter openWriter() {
        if (writer.isPresent()) {
            return writer.get();
        }
        AuditSettings settings = settings();
        Path directory = resolve(settings.directory());
        String node = settings.node().orElseGet(FileAuditStorage::hostName);
        AuditChainWriter opened = new AuditChainWriter(directory, node, clock, settings.maxFileBytes(), FlushPolicy.FLUSH);
        writer = Optional.of(opened);
        LOGGER.info("Audit trail of node {} in {}", node, directory);
        directoryInUse = directory;
        index = openIndex(directory, node, opened.nextSeq());
        if (index.isPresent()) {
            indexer.scheduleWithFixedDelay(this::indexWaiting, INDEX_EVERY.toMillis(), INDEX_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
        return opened;
    }

    /**
     * Opens the index and catches it up with the files on a background thread, so that the first
     * record after a start does not wait for a long trail to be read. The catch-up starts from
     * the index's last commit; this node's records from {@code liveFrom} on are indexed as they are
     * written, once the catch-up has checked the index.
     */
    private Optional<AuditIndex> openIndex(Path directory, String node, long liveFrom) {
        if (stopping) {
            // A record written while James stops: it is in the file, and the next start indexes it.
            liveIndexing.countDown();
            return Optional.empty();
        }
        // One index per node: nodes sharing the audit directory cannot share a Lucene index,
        // which only one writer may hold.
        Path indexDirectory = directory.resolveSibling(directory.getFileName() + "-index").resolve(node);
        try {
            AuditIndex opened = new AuditIndex(FSDirectory.open(indexDirectory), directory);
            Thread catchUp = new Thread(() -> catchUp(opened, directory, indexDirectory, Map.of(node, liveFrom)),
                "teaminbox-audit-index-catch-up");
            catchUp.setDaemon(true);
            catchUpThread = Optional.of(catchUp);
            catchUp.start();
            return Optional.of(opened);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Could not open the audit index in {}; audit search is unavailable until the next start", indexDirectory, e);
            liveIndexing.countDown(); // no catch-up to wait for
            return Optional.empty();
        }
    }

    private void catchUp(AuditIndex index, Path directory, Path indexDirectory, Map<String, Long> liveFrom) {
        try {
            AuditIndexCatchUp.Outcome outcome = AuditIndexCatchUp.run(index, directory, liveFrom, this::indexChecked, () -> stopping);
            readThrough = outcome.readThrough();
            LOGGER.info("Audit index in {} {}", indexDirectory, outcome);
            // For monitoring (WebAdmin /metrics): a start that rebuilt, or read much, is worth a look.
            metricFactory.generate(REBUILDS_AT_START).add(outcome.rebuilt() ? 1 : 0);
            metricFactory.generate(RECORDS_READ_AT_START).add((int) Math.min(Integer.MAX_VALUE, outcome.recordsIndexed()));
            // Committed only from here on: a commit in the middle of the catch-up would store a
            // gap, which the next start would read again.
            if (!stopping) {
                committer.scheduleWithFixedDelay(() -> commit(index, directory), COMMIT_EVERY.toSeconds(), COMMIT_EVERY.toSeconds(),
                    TimeUnit.SECONDS);
            }
        } catch (RejectedExecutionException e) {
            LOGGER.info("Audit index in {} is up to date; James is stopping", indexDirectory);
        } catch (AuditIndexCatchUp.Stopped e) {
            readThrough = e.readThrough(); // what it read before it stopped, for stop()'s commit
            LOGGER.info("Audit index in {}: James stopped before the catch-up was done; the next start goes on with it", indexDirectory);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Could not bring the audit index in {} up to date; searches miss older records until the next start", indexDirectory, e);
        } finally {
            // Stopped or failed before its check was done: what this node writes is still indexed.
            liveIndexing.countDown();
        }
    }

    /** The catch-up has checked the index: it may be committed, and take what this node writes. */
    private void indexChecked(Map<String, Long> readThroughAtCheck) {
        readThrough = readThroughAtCheck;
        checked = true;
        liveIndexing.countDown();
        if (unindexedCount.get() >= INDEX_BATCH) {
            askBatch(); // what waited during the check
        }
    }

    /** Only an index the catch-up checked: one it did not may be of an earlier format, which a commit would stamp as this one. */
    private void commit(AuditIndex index, Path directory) {
        if (!checked) {
            return;
        }
        try {
            AuditIndexCatchUp.commit(index, directory, readThrough);
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Could not commit the audit index; the next start reads the newest records again", e);
        }
    }

    /**
     * Commits and closes the index when James stops, so that the next start reads only what is
     * written after: the catch-up and the periodic commit are let finish first (the catch-up
     * stops at its next file). The trail itself stays open: a mail still in flight is still
     * audited, and the next start indexes its record from the file.
     */
    @PreDestroy
    public void stop() {
        stopping = true;
        committer.shutdown();
        try {
            Optional<AuditGroupCommit> writing;
            synchronized (this) {
                writing = group;
            }
            writing.ifPresent(AuditGroupCommit::flush);
            indexer.execute(this::indexWaiting);
            indexer.shutdown();
            indexer.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            committer.awaitTermination(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            Optional<Thread> catchUp = catchUpThread;
            if (catchUp.isPresent()) {
                catchUp.get().join(STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Optional<AuditIndex> closing;
        synchronized (this) {
            closing = index;
            index = Optional.empty();
        }
        closing.ifPresent(open -> {
            commit(open, directoryInUse);
            try {
                open.close();
            } catch (IOException | RuntimeException e) {
                LOGGER.warn("Could not close the audit index; the next start reads the newest records again", e);
            }
        });
    }

    private Path resolve(String directory) {
        Path path = Path.of(directory);
        if (path.isAbsolute()) {
            return path;
        }
        try {
            File base = fileSystem.getBasedir();
            return base.toPath().resolve(path);
        } catch (IOException e) {
            throw new AuditUnavailableException("Cannot locate James's working directory for the audit trail", e);
        }
    }

    private AuditSettings settings() {
        return configurationStore.inForce().map(SharedMailboxesConfiguration::audit).orElse(AuditSettings.DEFAULT);
    }

    /** The host name, kept to the characters a node name allows. */
    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "-");
            return name.isEmpty() ? DEFAULT_NODE : name.substring(0, Math.min(64, name.length()));
        } catch (IOException e) {
            return DEFAULT_NODE;
        }
    }
}
