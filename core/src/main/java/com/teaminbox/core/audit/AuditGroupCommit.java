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
 * Writes a node's records for every caller as groups ({@link AuditChainWriter#appendAll}): a caller
 * queues its event and, when no other thread is writing, writes whatever is queued itself, its
 * own record and those that gathered meanwhile; while another thread writes, its event waits in
 * the queue for that writer's next group. So a quiet node writes each record on its caller's
 * thread without waking any other thread, and thirty busy threads make a few writes instead of
 * thirty and never wait for each other's lock. The chain keeps the order the events were queued.
 *
 * <p>A caller that must not go on without its record waits for the future {@link #submit} returns
 * (its group is written); one that may go on without it does not wait. After each group the
 * records written go to {@code written} (the search index) before any waiting caller is released,
 * so that a search made after {@link #flush} finds them handed over.
 *
 * <p>An interrupted caller never writes: Java closes a {@code FileChannel} written by an
 * interrupted thread, which would fail the group. Its event goes to this object's own thread.
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
    /** How often the fallback thread looks for events left to it, should a wake-up be missed. */
    private static final long FALLBACK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** An event to write, or (no event) a marker that completes once everything before it is written. */
    private record Pending(Optional<AuditEvent> event, CompletableFuture<Optional<AuditRecord>> done) {
    }

    private final AuditChainWriter writer;
    private final Consumer<List<AuditRecord>> written;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    /** Held by the thread writing a group. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Writes the events of interrupted callers, and whatever remains queued at close. */
    private final Thread fallback;
    /** Written under this object's lock with every enqueue, read by the threads without it. */
    private volatile boolean closed;

    public AuditGroupCommit(AuditChainWriter writer, Consumer<List<AuditRecord>> written) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.written = Objects.requireNonNull(written, "written");
        this.fallback = new Thread(this::run, "teaminbox-audit-writer");
        fallback.setDaemon(true);
        fallback.start();
    }

    /**
     * Queues the event and writes the queue unless another thread is writing it. The future
     * completes with the record once its group is written, or exceptionally with
     * {@link AuditUnavailableException} when it could not be. Called while this thread writes (a
     * consumer of {@code written} that records an event), or once closed, the event is written at
     * once instead: a writer never waits for itself.
     */
    public CompletableFuture<AuditRecord> submit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (!writing.isHeldByCurrentThread()) {
            CompletableFuture<Optional<AuditRecord>> done = new CompletableFuture<>();
            if (enqueue(new Pending(Optional.of(event), done))) {
                drain();
                return done.thenApply(Optional::orElseThrow);
            }
        }
        return writeNow(event);
    }

    /** False once closed: nothing is queued that no thread would write. */
    private synchronized boolean enqueue(Pending pending) {
        if (closed) {
            return false;
        }
        queue.add(pending);
        return true;
    }

    /**
     * Writes groups while events are queued and no other thread writes. An event queued while
     * another thread writes is seen by that thread after it lets go of the lock (the queue and
     * the lock are both volatile state: its check of the queue follows our failed attempt).
     */
    private void drain() {
        if (Thread.currentThread().isInterrupted() && Thread.currentThread() != fallback) {
            LockSupport.unpark(fallback);
            return;
        }
        while (!queue.isEmpty() && writing.tryLock()) {
            List<Pending> group = new ArrayList<>();
            AuditChainWriter.Appended appended;
            try {
                for (Pending next = queue.poll(); next != null; next = group.size() < MAX_GROUP ? queue.poll() : null) {
                    group.add(next);
                }
                appended = writeGroup(group);
            } finally {
                writing.unlock();
            }
            // Outside the lock: a caller's continuation may record again, and then writes itself.
            complete(group, appended);
        }
    }

    /** Waits until every event handed over before this call is written (or failed) and passed on. */
    public void flush() {
        CompletableFuture<Optional<AuditRecord>> done = new CompletableFuture<>();
        if (!writing.isHeldByCurrentThread() && enqueue(new Pending(Optional.empty(), done))) {
            drain();
            done.join();
        }
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

    private CompletableFuture<AuditRecord> writeNow(AuditEvent event) {
        writing.lock();
        try {
            AuditChainWriter.Appended appended = writer.appendAll(List.of(event));
            if (appended.failure().isPresent()) {
                return CompletableFuture.failedFuture(appended.failure().get());
            }
            written.accept(appended.records());
            return CompletableFuture.completedFuture(appended.records().get(0));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            writing.unlock();
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            LockSupport.parkNanos(FALLBACK_POLL_NANOS);
            // Only close() stops this thread; an interrupt would close the FileChannel under the next write.
            Thread.interrupted();
            drain();
        }
    }

    private AuditChainWriter.Appended writeGroup(List<Pending> group) {
        List<AuditEvent> events = group.stream().flatMap(pending -> pending.event().stream()).toList();
        AuditChainWriter.Appended appended;
        try {
            appended = events.isEmpty() ? new AuditChainWriter.Appended(List.of(), Optional.empty()) : writer.appendAll(events);
        } catch (RuntimeException e) {
            appended = new AuditChainWriter.Appended(List.of(), Optional.of(new AuditUnavailableException(e.getMessage(), e)));
        }
        if (!appended.records().isEmpty()) {
            try {
                written.accept(appended.records());
            } catch (RuntimeException e) {
                // What is written stands: the index is rebuilt from the files when it lacks records.
            }
        }
        return appended;
    }

    private static void complete(List<Pending> group, AuditChainWriter.Appended appended) {
        int next = 0;
        for (Pending pending : group) {
            if (pending.event().isEmpty()) {
                pending.done().complete(Optional.empty());
            } else if (next < appended.records().size()) {
                pending.done().complete(Optional.of(appended.records().get(next++)));
            } else {
                pending.done().completeExceptionally(appended.failure().orElseGet(() -> new AuditUnavailableException("not written", null)));
            }
        }
    }

    /** Writes what was handed over, then stops the fallback thread; later events are written by their callers' threads. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        LockSupport.unpark(fallback);
        try {
            fallback.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
