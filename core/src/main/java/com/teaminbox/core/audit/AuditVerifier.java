package com.teaminbox.core.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks the audit trail: groups the files by node, orders each node's files by name, and walks
 * each chain from seq 1, reporting the first record that breaks it (see {@link ChainBreak.Kind}).
 *
 * <p>What a chain cannot prove: records removed from the very end of a chain leave no trace in
 * what remains, since nothing links forward; compare the last seq and hash with a copy kept
 * elsewhere (a backup, a log shipped off the node) to detect that. And anyone able to rewrite the
 * files can recompute every hash after an edit: the chain shows accidental or careless tampering,
 * and proves integrity only against a copy of a later hash held out of the writer's reach.
 */
public final class AuditVerifier {
    /**
     * @param filesOrDirectories audit files, and directories searched recursively for them
     * @throws IllegalArgumentException for a file that is not named like an audit file
     */
    public AuditVerification verify(Collection<Path> filesOrDirectories) throws IOException {
        List<NodeVerification> nodes = new ArrayList<>();
        for (Map.Entry<String, List<Path>> node : AuditFiles.byNode(filesOrDirectories).entrySet()) {
            nodes.add(ChainCheck.run(node.getKey(), node.getValue()));
        }
        return new AuditVerification(nodes);
    }
}
