package com.teaminbox.core.audit;

import java.util.Map;

/** What an {@link AuditIndex}'s last commit holds: each node's chain, and the data stored with it. */
public record CommittedState(Map<String, IndexedChain> chains, Map<String, String> data) {
    public boolean isEmpty() {
        return chains.isEmpty();
    }
}
