package com.teaminbox.james.audit;

import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditUnavailableException;

/** Where audit records are kept: the node's chained files (and the index that searches them). */
public interface AuditStorage {
    /**
     * @throws AuditUnavailableException when the record could not be written; nothing of it is kept
     */
    void append(AuditEvent event);
}
