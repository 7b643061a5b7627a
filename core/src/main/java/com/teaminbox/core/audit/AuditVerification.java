package com.teaminbox.core.audit;

import java.util.List;
import java.util.Optional;

/** The verdict on a set of audit files: one chain per node, sorted by node name. */
public final class AuditVerification {
    private final List<NodeVerification> nodes;

    AuditVerification(List<NodeVerification> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public List<NodeVerification> nodes() {
        return nodes;
    }

    public Optional<NodeVerification> node(String name) {
        return nodes.stream().filter(node -> node.node().equals(name)).findFirst();
    }

    /** True when there is at least one chain and every chain verified. */
    public boolean intact() {
        return !nodes.isEmpty() && nodes.stream().allMatch(NodeVerification::intact);
    }

    @Override
    public String toString() {
        return nodes.toString();
    }
}
