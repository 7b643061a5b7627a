package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time a JVM (a server, or the load generator itself) has used so far, from Linux's /proc (the benchmark's machines): in total,
 * and in each of its JIT compiler threads. On a shared machine absolute figures move with the
 * host's speed (see docs/benchmarks.md); the ratio of two servers measured in the same run is what
 * to compare.
 *
 * @param totalSeconds the whole process, threads that have ended included (/proc/PID/stat)
 * @param jitSecondsByThread the JIT compiler threads alive at the time, by thread id
 * @param gcSecondsByThread the garbage collector's threads alive at the time, by thread id
 * @param secondsByThread every thread alive at the time, by thread id
 * @param groupByThread each thread's name without its number ({@code spooler-12} is {@code spooler-}), by thread id
 */
record ServerCpu(double totalSeconds, Map<String, Double> jitSecondsByThread, Map<String, Double> gcSecondsByThread,
                 Map<String, Double> secondsByThread, Map<String, String> groupByThread) {
    /** USER_HZ: fixed at 100 by Linux's user-space interface, whatever the kernel's own tick rate. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** Empty where /proc is not there to read (not Linux). */
    static Optional<ServerCpu> of(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Optional<Double> total = cpuSeconds(process.resolve("stat"));
        if (total.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Double> jit = new HashMap<>();
        Map<String, Double> gc = new HashMap<>();
        Map<String, Double> all = new HashMap<>();
        Map<String, String> groups = new HashMap<>();
        try (Stream<Path> threads = Files.list(process.resolve("task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String name = readOrEmpty(thread.resolve("comm")).strip();
                String id = thread.getFileName().toString();
                cpuSeconds(thread.resolve("stat")).ifPresent(seconds -> {
                    all.put(id, seconds);
                    groups.put(id, name.replaceAll("\\d+", ""));
                });
                // C1 and C2 compiler threads ("C2 CompilerThread0", cut to 15 characters by the kernel)
                if (name.contains("CompilerThre")) {
                    cpuSeconds(thread.resolve("stat")).ifPresent(seconds -> jit.put(thread.getFileName().toString(), seconds));
                }
                // G1's workers and concurrent threads: "GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Main Marker", "G1 Service"
                if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    cpuSeconds(thread.resolve("stat")).ifPresent(seconds -> gc.put(thread.getFileName().toString(), seconds));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new ServerCpu(total.get(), jit, gc, all, groups));
    }

    /** What was used since {@code earlier}: threads started since count from zero. */
    ServerCpu minus(ServerCpu earlier) {
        return new ServerCpu(totalSeconds - earlier.totalSeconds, since(jitSecondsByThread, earlier.jitSecondsByThread),
            since(gcSecondsByThread, earlier.gcSecondsByThread), since(secondsByThread, earlier.secondsByThread), groupByThread);
    }

    /** Two spans' use together (a server's windows summed): threads by id, as {@link #minus} gives them. */
    ServerCpu plus(ServerCpu other) {
        Map<String, String> groups = new HashMap<>(groupByThread);
        groups.putAll(other.groupByThread);
        return new ServerCpu(totalSeconds + other.totalSeconds, sum(jitSecondsByThread, other.jitSecondsByThread),
            sum(gcSecondsByThread, other.gcSecondsByThread), sum(secondsByThread, other.secondsByThread), groups);
    }

    private static Map<String, Double> sum(Map<String, Double> one, Map<String, Double> other) {
        Map<String, Double> both = new HashMap<>(one);
        other.forEach((thread, seconds) -> both.merge(thread, seconds, Double::sum));
        return both;
    }

    private static Map<String, Double> since(Map<String, Double> now, Map<String, Double> earlier) {
        Map<String, Double> used = new HashMap<>();
        now.forEach((thread, seconds) -> used.put(thread, seconds - earlier.getOrDefault(thread, 0.0)));
        return used;
    }

    /**
     * The JIT compiler threads' share. A compiler thread the JVM stopped in between (it adds and
     * removes them with the load on machines with more cores) is missing from it.
     */
    double jitSeconds() {
        return jitSecondsByThread.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /**
     * CPU seconds by group of threads (a name without its numbers: the spooler's threads, SMTP's,
     * IMAP's, the reactor's, ours such as {@code teaminbox-audit-writer}), largest first: where a
     * server's CPU went, threads that ended in between left out.
     */
    Map<String, Double> secondsByGroup() {
        Map<String, Double> groups = new HashMap<>();
        secondsByThread.forEach((thread, seconds) -> groups.merge(groupByThread.getOrDefault(thread, "?"), seconds, Double::sum));
        Map<String, Double> largestFirst = new LinkedHashMap<>();
        groups.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .forEach(entry -> largestFirst.put(entry.getKey(), entry.getValue()));
        return largestFirst;
    }

    /** The garbage collector's share (threads it stopped in between are missing from it). */
    double gcSeconds() {
        return gcSecondsByThread.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** utime and stime, fields 14 and 15 of stat, counted after the command name (which may hold spaces). */
    private static Optional<Double> cpuSeconds(Path stat) {
        String text = readOrEmpty(stat);
        int endOfName = text.lastIndexOf(')');
        if (endOfName < 0) {
            return Optional.empty(); // gone: the thread ended, or the process
        }
        String[] fields = text.substring(endOfName + 2).split(" ");
        return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND);
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
