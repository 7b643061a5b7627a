package com.teaminbox.demo;

import java.nio.file.Path;
import java.util.Optional;

/** Command-line options of {@link DemoServer}. */
final class DemoOptions {
    private Path home = Path.of("demo-home");
    private Optional<Path> extensions = Optional.empty();
    private Optional<Path> sharedMailboxes = Optional.empty();
    private Optional<Path> confOverrides = Optional.empty();
    private boolean randomPorts;
    private boolean naiveThreadIds;

    static DemoOptions parse(String[] args) {
        DemoOptions options = new DemoOptions();
        for (int index = 0; index < args.length; index++) {
            switch (args[index]) {
                case "--home":
                    options.home = Path.of(value(args, ++index, "--home"));
                    break;
                case "--extensions":
                    options.extensions = Optional.of(Path.of(value(args, ++index, "--extensions")));
                    break;
                case "--shared-mailboxes":
                    options.sharedMailboxes = Optional.of(Path.of(value(args, ++index, "--shared-mailboxes")));
                    break;
                case "--conf-overrides":
                    options.confOverrides = Optional.of(Path.of(value(args, ++index, "--conf-overrides")));
                    break;
                case "--random-ports":
                    options.randomPorts = true;
                    break;
                case "--naive-thread-ids":
                    options.naiveThreadIds = true;
                    break;
                default:
                    throw new IllegalArgumentException("Unknown option '" + args[index]
                        + "'; accepted: --home DIR, --extensions DIR, --shared-mailboxes FILE, --conf-overrides DIR, --random-ports, --naive-thread-ids");
            }
        }
        return options;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    Path home() {
        return home;
    }

    Optional<Path> extensions() {
        return extensions;
    }

    /** An administrator's own shared-mailboxes.xml, used instead of the demo's. */
    Optional<Path> sharedMailboxes() {
        return sharedMailboxes;
    }

    /** Files that replace the demo's in {@code conf/} (a benchmark's stock James pipeline, say). */
    Optional<Path> confOverrides() {
        return confOverrides;
    }

    boolean randomPorts() {
        return randomPorts;
    }

    /**
     * Each message its own thread (James's {@code NaiveThreadIdGuessingAlgorithm}, what its JPA
     * server uses) instead of the memory server's search of the whole account at every append.
     */
    boolean naiveThreadIds() {
        return naiveThreadIds;
    }
}
