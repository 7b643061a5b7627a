package com.teaminbox.core.audit;

/** Where a node's chain stands: the last record's seq and hash, or nothing yet. */
record ChainPosition(long seq, String hash) {
    static final ChainPosition GENESIS = new ChainPosition(0, AuditRecord.GENESIS);

    static ChainPosition after(AuditRecord record) {
        return new ChainPosition(record.seq(), record.hash());
    }

    long nextSeq() {
        return seq + 1;
    }
}
