package com.teaminbox.james.audit;

import java.util.concurrent.CompletableFuture;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditUnavailableException;

/** Where audit records are kept: the node's chained files (and the index that searches them). */
public interface AuditStorage {
    /**
     * Returns once the record is written.
     *
     * @throws AuditUnavailableException when the record could not be written; nothing of it is kept
     */
    void append(AuditEvent event);

    /**
     * Hands the record over without waiting for it to be written: the future completes when it is,
     * or exceptionally with {@link AuditUnavailableException}. Storage that writes at once does so here.
     *
     * @throws AuditUnavailableException when the storage cannot take records at all
     */
    default CompletableFuture<?> submit(AuditEvent event) {
        append(event);
        return CompletableFuture.completedFuture(null);
    }
}
