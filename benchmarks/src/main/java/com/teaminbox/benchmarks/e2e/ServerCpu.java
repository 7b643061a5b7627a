package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time a server JVM has used so far, from Linux's /proc (the benchmark's machines): in total,
 * and in its JIT compiler threads. Throughput on a shared 2-core machine varies by ±10 % from run
 * to run; CPU seconds per mail vary much less, and say what each pipeline costs.
 */
record ServerCpu(double totalSeconds, double jitSeconds) {
    private static final double TICKS_PER_SECOND = 100.0;

    /** Empty where /proc is not there to read (not Linux). */
    static Optional<ServerCpu> of(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        double total = 0;
        double jit = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                Optional<Double> seconds = threadSeconds(thread);
                if (seconds.isEmpty()) {
                    continue;
                }
                total += seconds.get();
                if (readOrEmpty(thread.resolve("comm")).contains("CompilerThre")) {
                    jit += seconds.get();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new ServerCpu(total, jit));
    }

    ServerCpu minus(ServerCpu earlier) {
        return new ServerCpu(totalSeconds - earlier.totalSeconds, jitSeconds - earlier.jitSeconds);
    }

    /** utime and stime, fields 14 and 15 of stat, counted after the command name (which may hold spaces). */
    private static Optional<Double> threadSeconds(Path thread) {
        String stat = readOrEmpty(thread.resolve("stat"));
        int endOfName = stat.lastIndexOf(')');
        if (endOfName < 0) {
            return Optional.empty(); // the thread ended while we listed them
        }
        String[] fields = stat.substring(endOfName + 2).split(" ");
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
