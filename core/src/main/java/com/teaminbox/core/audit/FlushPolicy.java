package com.teaminbox.core.audit;

/** How far each record is pushed before {@link AuditChainWriter#record} returns. */
public enum FlushPolicy {
    /** Handed to the operating system: survives a crash of the JVM, not a power cut. */
    FLUSH,
    /** Also forced to the disk (fsync): survives a power cut, at the cost of a disk round trip per record. */
    FORCE
}
