package com.teaminbox.core.audit;

import java.util.Objects;
import java.util.Optional;

/** One node's chain: how many records verified, and the first break if there is one. */
public final class NodeVerification {
    private final String node;
    private final int files;
    private final long verifiedRecords;
    private final Optional<ChainBreak> firstBreak;

    NodeVerification(String node, int files, long verifiedRecords, Optional<ChainBreak> firstBreak) {
        this.node = Objects.requireNonNull(node, "node");
        this.files = files;
        this.verifiedRecords = verifiedRecords;
        this.firstBreak = Objects.requireNonNull(firstBreak, "firstBreak");
    }

    public String node() {
        return node;
    }

    public int files() {
        return files;
    }

    /** Records that verified; when the chain is broken, those before the break. */
    public long verifiedRecords() {
        return verifiedRecords;
    }

    public Optional<ChainBreak> firstBreak() {
        return firstBreak;
    }

    public boolean intact() {
        return firstBreak.isEmpty();
    }

    @Override
    public String toString() {
        return firstBreak.map(broken -> "BROKEN: " + broken + " (" + verifiedRecords + " earlier records of node "
                + node + " verified)")
            .orElse("OK: node " + node + ": " + verifiedRecords + " records in " + files + (files == 1 ? " file" : " files"));
    }
}
