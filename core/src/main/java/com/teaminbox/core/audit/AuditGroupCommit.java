package com.teaminbox.core.audit;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One thread that writes a node's records for every caller: callers hand their events over and
 * the thread writes whatever has gathered meanwhile as one group ({@link AuditChainWriter#appendAll}),
 * so that thirty busy threads make a few writes instead of thirty and never wait for each other's
 * lock. The chain is kept by that one thread, in the order the events were handed over.
 *
 * <p>A caller that must not go on without its record waits for the future {@link #submit} returns
 * (its group is written); one that may go on without it does not wait. After each group the
 * records written go to {@code written} (the search index) before any waiting caller is released,
 * so that a search made after {@link #flush} finds them handed over.
 *
 * <pre>{@code
 * AuditGroupCommit group = new AuditGroupCommit(new AuditChainWriter(directory, "mx1", clock, max, FlushPolicy.FLUSH),
 *     records -> indexer.execute(() -> records.forEach(index::add)));
 * group.submit(event).join(); // written, or AuditUnavailableException in a CompletionException
 * }</pre>
 */
public final class AuditGroupCommit implements Closeable {
    /** At most this many records in one write: a bounded line buffer however far callers get ahead. */
    public static final int MAX_GROUP = 512;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    /** An event to write, or (no event) a marker that completes once everything before it is written. */
    private record Pending(Optional<AuditEvent> event, CompletableFuture<Optional<AuditRecord>> done) {
    }

    private final AuditChainWriter writer;
    private final Consumer<List<AuditRecord>> written;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Written under this object's lock with every enqueue, read by the thread without it. */
    private volatile boolean closed;

    public AuditGroupCommit(AuditChainWriter writer, Consumer<List<AuditRecord>> written) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.written = Objects.requireNonNull(written, "written");
        this.thread = new Thread(this::run, "teaminbox-audit-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands the event to the writer. The future completes with the record once its group is
     * written, or exceptionally with {@link AuditUnavailableException} when it could not be.
     * Called from the writer's own thread (a listener or failure handler that records an event),
     * or once closed, the event is written at once instead: the writer never waits for itself.
     */
    public CompletableFuture<AuditRecord> submit(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (Thread.currentThread() != thread) {
            CompletableFuture<Optional<AuditRecord>> done = new CompletableFuture<>();
            if (enqueue(new Pending(Optional.of(event), done))) {
                return done.thenApply(Optional::orElseThrow);
            }
        }
        return writeNow(event);
    }

    /** False once closed: nothing is queued that the thread would not write. */
    private synchronized boolean enqueue(Pending pending) {
        if (closed) {
            return false;
        }
        queue.add(pending);
        return true;
    }

    /** Waits until every event handed over before this call is written (or failed) and passed on. */
    public void flush() {
        CompletableFuture<Optional<AuditRecord>> done = new CompletableFuture<>();
        if (Thread.currentThread() != thread && enqueue(new Pending(Optional.empty(), done))) {
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
        try {
            AuditChainWriter.Appended appended = writer.appendAll(List.of(event));
            if (appended.failure().isPresent()) {
                return CompletableFuture.failedFuture(appended.failure().get());
            }
            written.accept(appended.records());
            return CompletableFuture.completedFuture(appended.records().get(0));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void run() {
        List<Pending> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                // Only close() stops this thread; an interrupt would close the FileChannel under the next write.
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            writeGroup(group);
            group.clear();
        }
    }

    private void writeGroup(List<Pending> group) {
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

    /** Writes what was handed over, then stops the thread; later events are written by their callers' threads. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
