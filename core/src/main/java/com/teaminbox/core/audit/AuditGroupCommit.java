package com.teaminbox.core.audit;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes a node's records for every caller as groups ({@link AuditChainWriter#appendAll}) on one
 * thread of its own, {@code teaminbox-audit-writer}: a caller hands over its immutable event (a
 * lock-free queue, and a wake-up of the writer only when it sleeps) and goes on; the writer stamps,
 * serialises, hashes and writes whatever gathered, in one write per group. Measured in the server,
 * building and hashing a record on the many threads that record (spooler, SMTP, IMAP) cost ten to
 * twenty times what the same work costs on one thread doing only that (cold caches), so callers do
 * none of it. The chain keeps the order the events were queued.
 *
 * <p>A caller that must not go on without its record calls {@link #append}: when the writer thread
 * sleeps, it writes the queue itself (its own record and whatever gathered meanwhile) instead of
 * waking the writer and sleeping until the writer wakes it again, which cost two thread wake-ups
 * per record, more than the work (measured: {@code ./benchmark audit}, docs/benchmarks.md); when
 * another caller is writing, it waits for that write and then writes, in one group, its own
 * record and every other gathered during that write, so that groups grow with the load (one
 * {@code write} for several records) without a wake-up of the writer thread. When the writer thread
 * is awake, the caller leaves its record to it and waits for its group. A caller that may go on
 * without its record hands it over ({@link #submit}), waking the writer thread if it sleeps, and
 * goes on; the writer thread looks at the queue again before it sleeps, so a record queued
 * meanwhile is never left behind.
 * After each group the records written go to {@code written} (the search index) before any waiting
 * caller is released, so that a search made after {@link #flush} finds them handed over.
 *
 * <p>An interrupted caller may write: {@link AuditChainWriter} writes through a stream, which an
 * interrupt does not close.
 *
 * <pre>{@code
 * AuditGroupCommit group = new AuditGroupCommit(new AuditChainWriter(directory, "mx1", clock, max, FlushPolicy.FLUSH),
 *     records -> index.queue(records));
 * group.submit(event).join(); // written, or AuditUnavailableException in a CompletionException
 * }</pre>
 */
public final class AuditGroupCommit implements Closeable {
    /** At most this many records in one write: a bounded line buffer however far callers get ahead. */
    public static final int MAX_GROUP = 512;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    /** How long the writer sleeps before looking again on its own, should a wake-up be missed. */
    private static final long IDLE_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * An event to write, or (a null event, never seen outside this class) a marker that completes
     * with null once everything before it is written. Neither is wrapped: no {@code Optional} and
     * no second future per record on the callers' path (in the server it runs as profiled C1 code,
     * where each allocation and each completion stage shows).
     */
    private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {
        boolean isMarker() {
            return event == null;
        }
    }

    private final AuditChainWriter writer;
    private final Consumer<List<LocatedRecord>> written;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the thread writing a group: the writer thread, or after close a caller. */
    private final ReentrantLock writing = new ReentrantLock();
    private final Thread writerThread;
    /** Set by the writer before it sleeps; a caller that queues then wakes it. */
    private volatile boolean sleeping;
    private volatile boolean closed;
    private final long idlePollNanos;

    public AuditGroupCommit(AuditChainWriter writer, Consumer<List<LocatedRecord>> written) {
        this(writer, written, IDLE_POLL_NANOS);
    }

    /** Tests that must know which thread writes a group make the writer's own look rarer than their few milliseconds. */
    AuditGroupCommit(AuditChainWriter writer, Consumer<List<LocatedRecord>> written, long idlePollNanos) {
        this.idlePollNanos = idlePollNanos;
        this.writer = Objects.requireNonNull(writer, "writer");
        this.written = Objects.requireNonNull(written, "written");
        this.writerThread = new Thread(this::run, "teaminbox-audit-writer");
        writerThread.setDaemon(true);
        writerThread.start();
    }

    /**
     * Hands the event to the writer thread. The future completes with the record once its group
     * is written, or exceptionally with {@link AuditUnavailableException} when it could not be.
     * Called on the writer thread itself (a consumer of {@code written} or a caller's continuation
     * that records an event), or once closed, the queue is written at once instead: a writer never
     * waits for itself.
     */
    public CompletableFuture<AuditRecord> submit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        CompletableFuture<AuditRecord> done = new CompletableFuture<>();
        handOver(new Pending(event, done));
        return done;
    }

    /**
     * Writes the event before returning: on this thread when the writer thread sleeps (after the
     * write of another caller under way, if any, and with the events gathered meanwhile), else in
     * the writer thread's group, waited for.
     *
     * @return the record as written
     * @throws AuditUnavailableException when it could not be written
     */
    public AuditRecord append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (sleeping && !closed && queue.isEmpty() && writing.tryLock()) {
            try {
                // Checked again with the lock held: whatever was queued first is written first.
                if (queue.isEmpty() && !closed) {
                    return writeAlone(event);
                }
            } finally {
                writing.unlock();
            }
        }
        CompletableFuture<AuditRecord> done = new CompletableFuture<>();
        Pending pending = new Pending(event, done);
        if (Thread.currentThread() == writerThread || closed) {
            handOver(pending);
        } else {
            queue.add(pending);
            // Awake, the writer sees this event before it sleeps again (see handOver).
            if (sleeping) {
                writeUntilWritten(done);
            }
            // Raced with close: the writer may have left already; take the event back and write it here.
            if (closed && queue.remove(pending)) {
                writeHere(pending);
            }
        }
        return await(done);
    }

    /**
     * A caller's own event, written by itself as a group of one: nothing queued before it, no
     * other caller writing, the writer thread asleep. This is what nearly every record of the
     * server is (callers seldom meet, docs/benchmarks.md), so it goes without what a group shared
     * with other callers needs: no entry in the queue, no future to complete, no lists. Called
     * with {@code writing} held.
     */
    private AuditRecord writeAlone(AuditEvent event) {
        LocatedRecord located;
        try {
            located = writer.appendOne(event);
        } catch (AuditUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditUnavailableException(e.getMessage(), e);
        }
        try {
            written.accept(List.of(located));
        } catch (RuntimeException e) {
            // What is written stands: the index is rebuilt from the files when it lacks records.
        }
        return located.record();
    }

    /**
     * Writes groups on this thread until its own event is written. When another caller is writing,
     * this one waits for the lock rather than waking the writer thread, then writes in one group
     * its own event and whatever gathered during that write: the longer the writes queue up, the
     * larger the groups, and no thread is woken but the one next in line for the lock (before, the
     * writer thread was woken to write the group, and it then woke each caller in it). An event
     * already taken by the thread that held the lock is completed by that thread right after.
     * Events left queued belong to callers that write them themselves, or were handed over
     * ({@link #submit}), which woke the writer thread if it slept.
     */
    private void writeUntilWritten(CompletableFuture<?> own) {
        while (!own.isDone()) {
            WrittenGroup next;
            writing.lock();
            try {
                if (queue.isEmpty()) {
                    // Taken by the thread that held the lock: it completes it outside the lock.
                    return;
                }
                next = writeNextGroup();
            } finally {
                writing.unlock();
            }
            complete(next.group(), next.appended());
        }
    }

    /** Waits until every event handed over before this call is written (or failed) and passed on. */
    public void flush() {
        CompletableFuture<AuditRecord> done = new CompletableFuture<>();
        handOver(new Pending(null, done));
        done.join();
    }

    private void handOver(Pending pending) {
        if (Thread.currentThread() == writerThread) {
            queue.add(pending);
            drain();
            return;
        }
        if (closed) {
            writeHere(pending);
            return;
        }
        queue.add(pending);
        // The writer sets sleeping before its last look at the queue: either it sees this event,
        // or this thread sees it sleeping (both volatile) and wakes it.
        if (sleeping) {
            LockSupport.unpark(writerThread);
        }
        // Raced with close: the writer may have left already; take the event back and write it here.
        if (closed && queue.remove(pending)) {
            writeHere(pending);
        }
    }

    /** Whether the writer thread sleeps, waiting for events: then {@link #append} writes on its caller's thread. */
    boolean writerSleeps() {
        return sleeping;
    }

    /** {@link CompletableFuture#join} that throws what the write threw: {@link AuditUnavailableException}. */
    public static AuditRecord await(CompletableFuture<AuditRecord> record) {
        try {
            return record.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void run() {
        while (true) {
            drain();
            sleeping = true;
            if (queue.isEmpty()) {
                if (closed) {
                    sleeping = false;
                    return;
                }
                LockSupport.parkNanos(this, idlePollNanos);
            }
            sleeping = false;
            // Only close() stops this thread; an interrupt would close the FileChannel under the next write.
            Thread.interrupted();
        }
    }

    /** Writes groups while events are queued. */
    private void drain() {
        while (!queue.isEmpty()) {
            WrittenGroup next;
            // Taken under the lock: a caller writing after close must not overtake a group already taken.
            writing.lock();
            try {
                next = writeNextGroup();
            } finally {
                writing.unlock();
            }
            // Outside the lock: a caller's continuation may record again.
            complete(next.group(), next.appended());
        }
    }

    /** After close: the caller writes its own event (and anything left), in order. */
    private void writeHere(Pending pending) {
        List<Pending> group = new ArrayList<>();
        AuditChainWriter.Appended appended;
        writing.lock();
        try {
            for (Pending left = queue.poll(); left != null; left = queue.poll()) {
                group.add(left);
            }
            group.add(pending);
            appended = writeGroup(group);
        } finally {
            writing.unlock();
        }
        complete(group, appended);
    }

    /** A group taken from the queue and what writing it gave. */
    private record WrittenGroup(List<Pending> group, AuditChainWriter.Appended appended) {
    }

    /** Takes up to {@link #MAX_GROUP} queued events and writes them; called with {@code writing} held. */
    private WrittenGroup writeNextGroup() {
        List<Pending> group = new ArrayList<>();
        for (Pending next = queue.poll(); next != null; next = group.size() < MAX_GROUP ? queue.poll() : null) {
            group.add(next);
        }
        return new WrittenGroup(group, writeGroup(group));
    }

    private AuditChainWriter.Appended writeGroup(List<Pending> group) {
        List<AuditEvent> events = new ArrayList<>(group.size());
        for (Pending pending : group) {
            if (!pending.isMarker()) {
                events.add(pending.event());
            }
        }
        AuditChainWriter.Appended appended;
        try {
            appended = events.isEmpty() ? new AuditChainWriter.Appended(List.of(), Optional.empty()) : writer.appendAll(events);
        } catch (RuntimeException e) {
            appended = new AuditChainWriter.Appended(List.of(), Optional.of(new AuditUnavailableException(e.getMessage(), e)));
        }
        if (!appended.located().isEmpty()) {
            try {
                written.accept(appended.located());
            } catch (RuntimeException e) {
                // What is written stands: the index is rebuilt from the files when it lacks records.
            }
        }
        return appended;
    }

    private static void complete(List<Pending> group, AuditChainWriter.Appended appended) {
        int next = 0;
        for (Pending pending : group) {
            if (pending.isMarker()) {
                pending.done().complete(null);
            } else if (next < appended.located().size()) {
                pending.done().complete(appended.located().get(next++).record());
            } else {
                pending.done().completeExceptionally(appended.failure().orElseGet(() -> new AuditUnavailableException("not written", null)));
            }
        }
    }

    /** Writes what was handed over, then stops the writer thread; later events are written by their callers' threads. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writerThread);
        try {
            writerThread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
