package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The whole machine's CPU time from Linux's /proc/stat (first line, all cores): how much of it the
 * hypervisor gave to other guests (steal), to tell a slow window of the shared VM from a slow server.
 *
 * @param stealTicks time the virtual cores were ready and not run, in USER_HZ ticks
 * @param allTicks every state counted (user, nice, system, idle, iowait, irq, softirq, steal), in ticks
 * @param busyTicks all but idle, iowait and steal: what every process on the machine used, in ticks
 */
record MachineCpu(long stealTicks, long allTicks, long busyTicks) {
    private static final double TICKS_PER_SECOND = 100.0;

    /** Empty where /proc/stat is not there to read (not Linux). */
    static Optional<MachineCpu> now() {
        try {
            return Optional.of(parse(Files.readAllLines(Path.of("/proc/stat")).get(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code cpu  user nice system idle iowait irq softirq steal guest guest_nice}: guest time is inside user already. */
    static MachineCpu parse(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long all = 0;
        for (int field = 1; field <= 8 && field < fields.length; field++) {
            all += Long.parseLong(fields[field]);
        }
        long steal = fields.length > 8 ? Long.parseLong(fields[8]) : 0;
        return new MachineCpu(steal, all, all - Long.parseLong(fields[4]) - Long.parseLong(fields[5]) - steal);
    }

    /** CPU seconds every process on the machine used since {@code earlier}: minus the benchmark's own, the rest of the machine's. */
    double busySecondsSince(MachineCpu earlier) {
        return (busyTicks - earlier.busyTicks) / TICKS_PER_SECOND;
    }

    /** The share of the machine's time stolen since {@code earlier} (0 to 1). */
    double stealShareSince(MachineCpu earlier) {
        long all = allTicks - earlier.allTicks;
        return all <= 0 ? 0 : (double) (stealTicks - earlier.stealTicks) / all;
    }
}
