package com.teaminbox.benchmarks.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The command line of {@code ./benchmark e2e}, checked before any server starts: a mistyped
 * option is refused with its name, instead of a ten-minute run with the defaults.
 *
 * @param pairs with {@code --sequential}: how many (a)/(b) pairs of servers run one after the other; its figures are their
 *              medians ({@code --quick}: one)
 * @param sequential the method before the thirteenth round: one server at a time, a pair's (a) and (b) minutes apart
 * @param window by default both servers stay up and take the mails in alternating windows of this many (a b b a a b ...)
 * @param forks with the windows: how many fresh pairs of servers run the whole series one after the other; the figures are
 *              the medians of their medians ({@code --quick}: one)
 * @param jitRecord with the windows: each server records HotSpot's compilations, and the summary gives what the JIT compiled
 *                  inside each server's windows, and how much of it was our code ({@link JitRecording})
 */
record E2eOptions(Mode mode, int mails, int senders, int warmup, String heap, Optional<Path> samples,
                  boolean stockThreadIds, boolean updateDocs, int bigMails, List<String> without, int pairs, boolean nextMinute,
                  boolean sequential, int window, int forks, boolean jitRecord) {
    enum Mode { COMPARE, MEMORY, ABLATION }

    /**
     * Five, not three: on this shared 2-core machine a pair's ratio moves from 0.6 to 1.0 with the
     * machine's speed, and the median of three moved by 0.1 between runs of the same code minutes
     * apart (docs/benchmarks.md, issue 18's fifth round).
     */
    static final int DEFAULT_PAIRS = 5;
    /**
     * Mails per window when both servers stay up: short enough that a slow minute of the shared
     * machine lands on windows of both servers, long enough that a window's fixed costs (the
     * pollers' last round, the wait for the work to be done) stay small beside 250 mails.
     */
    static final int DEFAULT_WINDOW = 250;
    /**
     * Three fresh pairs of servers: the same code read 0.67 and 0.82 in two series of 32 window
     * pairs each, minutes apart (docs/benchmarks.md, issue 18's fifteenth round): what the JIT makes
     * of each JVM differs from one start to the next, and more window pairs in the same JVMs do not
     * average that out; more JVMs do.
     */
    static final int DEFAULT_FORKS = 3;
    /** --quick with windows: a first look, four window pairs. */
    static final int QUICK_WINDOWED_MAILS = 1_000;
    private static final int DEFAULT_MAILS = 2_000;

    private static final Set<String> WITH_VALUE = Set.of("--mails", "--senders", "--warmup", "--heap", "--samples", "--big-mails", "--without",
        "--pairs", "--window", "--forks");
    private static final Set<String> SWITCHES = Set.of("--memory", "--stock-thread-ids", "--no-docs", "--quick", "--next-minute",
        "--sequential", "--jit-record");

    static E2eOptions parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int index = 0; index < args.length; index++) {
            String option = args[index];
            if (!WITH_VALUE.contains(option) && !SWITCHES.contains(option)) {
                throw new IllegalArgumentException("Unknown option " + option + "; known: " + known());
            }
            String value = "";
            if (WITH_VALUE.contains(option)) {
                if (index + 1 >= args.length || args[index + 1].startsWith("--")) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                value = args[++index];
            }
            if (given.put(option, value) != null) {
                throw new IllegalArgumentException(option + " is given twice");
            }
        }
        Mode mode = given.containsKey("--without") ? Mode.ABLATION : given.containsKey("--memory") ? Mode.MEMORY : Mode.COMPARE;
        if (mode == Mode.ABLATION && given.containsKey("--memory")) {
            throw new IllegalArgumentException("--memory runs its own mails: --without does not apply to it");
        }
        if (mode == Mode.MEMORY && given.containsKey("--warmup")) {
            throw new IllegalArgumentException("--memory runs its own mails: --warmup does not apply to it");
        }
        if (mode != Mode.MEMORY && given.containsKey("--big-mails")) {
            throw new IllegalArgumentException("--big-mails applies to --memory only");
        }
        if (mode != Mode.COMPARE && (given.containsKey("--pairs") || given.containsKey("--quick"))) {
            throw new IllegalArgumentException("--pairs and --quick apply to the comparison only");
        }
        if (mode != Mode.COMPARE && given.containsKey("--next-minute")) {
            throw new IllegalArgumentException("--next-minute applies to the comparison only");
        }
        if (mode != Mode.COMPARE && (given.containsKey("--sequential") || given.containsKey("--window") || given.containsKey("--forks"))) {
            throw new IllegalArgumentException("--sequential, --window and --forks apply to the comparison only");
        }
        if (given.containsKey("--pairs") && given.containsKey("--quick")) {
            throw new IllegalArgumentException("--quick is one pair: give --pairs or --quick, not both");
        }
        boolean sequential = given.containsKey("--sequential");
        if (sequential && (given.containsKey("--window") || given.containsKey("--forks"))) {
            throw new IllegalArgumentException("--window and --forks apply to the alternating windows, not to --sequential (its pairs: --pairs)");
        }
        if (given.containsKey("--jit-record") && (mode != Mode.COMPARE || sequential)) {
            throw new IllegalArgumentException("--jit-record reads the compiles inside the alternating windows: not with --sequential, --memory"
                + " or --without");
        }
        if (given.containsKey("--forks") && given.containsKey("--quick")) {
            throw new IllegalArgumentException("--quick is one fork: give --forks or --quick, not both");
        }
        if (!sequential && given.containsKey("--pairs")) {
            throw new IllegalArgumentException("--pairs applies to --sequential; both servers up, the pairs are windows: --mails and --window");
        }
        if (!sequential && given.containsKey("--next-minute")) {
            throw new IllegalArgumentException("--next-minute applies to --sequential (with windows, the minute's tasks run inside the series)");
        }
        boolean quick = given.containsKey("--quick");
        int pairs = quick ? 1 : number(given, "--pairs", DEFAULT_PAIRS, 1);
        int mails = number(given, "--mails", quick && !sequential && mode == Mode.COMPARE ? QUICK_WINDOWED_MAILS : DEFAULT_MAILS, 1);
        int window = number(given, "--window", DEFAULT_WINDOW, 1);
        int forks = quick || sequential || mode != Mode.COMPARE ? 1 : number(given, "--forks", DEFAULT_FORKS, 1);
        // Long enough for the JVM's first wave of compilation to be over, so that the measured phase reads
        // the pipelines at their compiled speed rather than the first seconds of a JVM (docs/benchmarks.md).
        // --quick with windows has fewer measured mails, not a colder server.
        int warmupBase = quick && !given.containsKey("--mails") ? DEFAULT_MAILS : mails;
        int warmup = number(given, "--warmup", Math.max(50, Math.min(3_000, warmupBase * 3 / 2)), 0);
        String heap = given.getOrDefault("--heap", "1g");
        if (!heap.matches("[1-9][0-9]*[kKmMgG]?")) {
            throw new IllegalArgumentException("--heap takes a JVM heap size such as 1g or 512m, not '" + heap + "'");
        }
        List<String> without = new ArrayList<>();
        if (mode == Mode.ABLATION) {
            without.addAll(Arrays.asList(given.get("--without").split(",", -1)));
            if (without.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("--without takes mailet names separated by commas, not '" + given.get("--without") + "'");
            }
        }
        return new E2eOptions(mode, mails, number(given, "--senders", 8, 1), warmup, heap,
            Optional.ofNullable(given.get("--samples")).map(Path::of), given.containsKey("--stock-thread-ids"),
            !given.containsKey("--no-docs"), number(given, "--big-mails", 1_000, 1), List.copyOf(without),
            pairs, given.containsKey("--next-minute"), sequential, window, forks, given.containsKey("--jit-record"));
    }

    private static int number(Map<String, String> given, String option, int defaultValue, int minimum) {
        if (!given.containsKey(option)) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(given.get(option));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not '" + given.get(option) + "'");
        }
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ": " + value);
        }
        return value;
    }

    private static String known() {
        Set<String> all = new TreeSet<>(WITH_VALUE);
        all.addAll(SWITCHES);
        return String.join(" ", all);
    }
}
