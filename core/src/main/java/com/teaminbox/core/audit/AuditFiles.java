package com.teaminbox.core.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds audit files among files and directories and puts each node's files in chain order. */
final class AuditFiles {
    private static final Comparator<Path> CHAIN_ORDER = Comparator
        .comparing((Path path) -> AuditFile.of(path).orElseThrow())
        .thenComparing(Path::toString);

    private AuditFiles() {
    }

    /**
     * Directories are searched recursively for audit file names; a file named explicitly must
     * have one. The same file reached twice counts once; paths are shown as they were given.
     *
     * @throws IllegalArgumentException for an explicit file whose name is not an audit file name
     */
    static SortedMap<String, List<Path>> byNode(Collection<Path> filesOrDirectories) throws IOException {
        Map<Path, Path> found = new LinkedHashMap<>();
        for (Path path : filesOrDirectories) {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(path)) {
                    files = walk.filter(Files::isRegularFile).filter(file -> AuditFile.of(file).isPresent()).toList();
                }
                for (Path file : files) {
                    found.putIfAbsent(file.toRealPath(), file.normalize());
                }
            } else if (AuditFile.of(path).isPresent()) {
                found.putIfAbsent(path.toRealPath(), path.normalize());
            } else {
                throw new IllegalArgumentException("Not an audit file name: " + path
                    + " (expected audit-<node>-<yyyy-MM-dd>-<nnnn>.jsonl)");
            }
        }
        Map<String, List<Path>> grouped = found.values().stream()
            .collect(Collectors.groupingBy(path -> AuditFile.of(path).orElseThrow().node()));
        SortedMap<String, List<Path>> byNode = new TreeMap<>();
        grouped.forEach((node, files) -> byNode.put(node, files.stream().sorted(CHAIN_ORDER).toList()));
        return byNode;
    }
}
