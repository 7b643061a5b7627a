package com.teaminbox.james.retention;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The counts of one retention run, updated as it goes so that {@code GET /tasks/{id}} shows
 * progress. In a dry run, {@code deleted} and {@code moved} count what would have been.
 */
public final class RetentionProgress {
    private final AtomicLong examined = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong moved = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void examined() {
        examined.incrementAndGet();
    }

    void deleted() {
        deleted.incrementAndGet();
    }

    void moved() {
        moved.incrementAndGet();
    }

    void held() {
        held.incrementAndGet();
    }

    void failed() {
        failed.incrementAndGet();
    }

    /** Candidates read: older than their folder's policy age and carrying its flag, if any. */
    public long examinedCount() {
        return examined.get();
    }

    public long deletedCount() {
        return deleted.get();
    }

    public long movedCount() {
        return moved.get();
    }

    public long heldCount() {
        return held.get();
    }

    public long failedCount() {
        return failed.get();
    }

    @Override
    public String toString() {
        return "examined=" + examined + " deleted=" + deleted + " moved=" + moved + " held=" + held + " failed=" + failed;
    }
}
