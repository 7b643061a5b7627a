package com.teaminbox.benchmarks.e2e;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

/**
 * The figures of a comparison in alternating windows: for each ratio, the window pairs' values
 * with their median and spread, and the ratio of the two servers' totals; the idle server's CPU
 * during the other's windows and the machine's steal time beside them.
 *
 * @param cpu (a)'s server CPU per delivered message over (b)'s, window pair by window pair
 * @param mailCpu the same per accepted mail
 * @param throughput (b)'s mails per second over (a)'s
 * @param totalCpu the ratio of the totals per delivered message (all (a)'s windows against all (b)'s)
 * @param totalMailCpu the ratio of the totals per accepted mail
 * @param totalThroughput (b)'s mails over its windows' time, against (a)'s
 * @param idleStock (a)'s CPU during (b)'s windows, ms per mail of those windows
 * @param idleOurs (b)'s CPU during (a)'s windows, ms per mail of those windows
 * @param stealPercent the machine's steal time over the windows, lowest and highest, in percent
 * @param notQuiet windows whose other server did not get quiet before them (at most 30 s)
 * @param restOfMachine the CPU of every other process on the machine over each window, ms per mail of the window, lowest and highest
 * @param cpuOutsideJit {@code cpu} without the JIT compiler threads: what the servers' own work costs once their code is
 *     compiled; the JIT's share falls with each server's age (mails served), so a ratio with it depends on how long the
 *     servers have run, one without it much less
 * @param totalCpuOutsideJit the ratio of the totals without the JIT compiler threads
 * @param laterCpu {@code cpu} over the later half of the window pairs only: the older servers; a figure that differs
 *     from the whole series' says the series is still warming up
 */
record WindowSummary(Spread cpu, Spread mailCpu, Spread throughput, double totalCpu, double totalMailCpu, double totalThroughput,
                     double idleStock, double idleOurs, double[] stealPercent, long notQuiet, double[] restOfMachine,
                     Spread cpuOutsideJit, double totalCpuOutsideJit, Spread laterCpu) {

    /**
     * One fresh pair of servers' series: its totals and its summary. Several of them (forks) are read
     * by the medians of their figures: each JVM's JIT makes its own code of the same bytecode, and a
     * series of 32 window pairs read 0.67 in one pair of JVMs and 0.82 in the next (fifteenth round).
     */
    record Fork(EndToEndBenchmark.Result stock, EndToEndBenchmark.Result ours, WindowSummary summary) {
        static double median(List<Fork> forks, ToDoubleFunction<WindowSummary> figure) {
            return new Spread(forks.stream().map(Fork::summary).mapToDouble(figure).toArray()).median();
        }

        static String values(List<Fork> forks, ToDoubleFunction<WindowSummary> figure) {
            return forks.stream().map(Fork::summary).mapToDouble(figure).mapToObj(value -> String.format(Locale.ROOT, "%.2f", value))
                .collect(Collectors.joining(", "));
        }

        /** The figures over the forks: the median of the forks' medians, with each fork's beside it. */
        static String describe(List<Fork> forks) {
            return String.format(Locale.ROOT, "over %d forks (fresh pairs of servers): server CPU per delivered message a/b median %.2f"
                    + " (forks' medians %s; their totals %s); per accepted mail %.2f (%s); throughput b/a %.2f (%s) (targets >= 0.8);"
                    + " outside the JIT compiler threads %.2f (%s)",
                forks.size(), median(forks, summary -> summary.cpu().median()), values(forks, summary -> summary.cpu().median()),
                values(forks, WindowSummary::totalCpu), median(forks, summary -> summary.mailCpu().median()),
                values(forks, summary -> summary.mailCpu().median()), median(forks, summary -> summary.throughput().median()),
                values(forks, summary -> summary.throughput().median()), median(forks, summary -> summary.cpuOutsideJit().median()),
                values(forks, summary -> summary.cpuOutsideJit().median()));
        }
    }

    /** Values of one ratio over the window pairs, in window order, and their order statistics. */
    record Spread(double[] values) {
        double median() {
            return quantile(0.5);
        }

        /** Linear between the two nearest of the sorted values (as R's default, type 7). */
        double quantile(double fraction) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            if (sorted.length == 0) {
                return Double.NaN;
            }
            double place = fraction * (sorted.length - 1);
            int below = (int) Math.floor(place);
            int above = Math.min(sorted.length - 1, below + 1);
            return sorted[below] + (place - below) * (sorted[above] - sorted[below]);
        }

        String describe() {
            return String.format(Locale.ROOT, "median %.2f of %d window pairs, quartiles %.2f to %.2f, min %.2f, max %.2f (%s)", median(),
                values.length, quantile(0.25), quantile(0.75), quantile(0), quantile(1),
                Arrays.stream(values).mapToObj(value -> String.format(Locale.ROOT, "%.2f", value)).collect(Collectors.joining(", ")));
        }
    }

    static WindowSummary of(List<EndToEndBenchmark.Window> windows) {
        int pairs = windows.stream().mapToInt(EndToEndBenchmark.Window::pair).max().orElse(-1) + 1;
        EndToEndBenchmark.Result[] stock = new EndToEndBenchmark.Result[pairs];
        EndToEndBenchmark.Result[] ours = new EndToEndBenchmark.Result[pairs];
        for (EndToEndBenchmark.Window window : windows) {
            (window.stock() ? stock : ours)[window.pair()] = window.result();
        }
        EndToEndBenchmark.Result stockTotal = total("(a)", windows, true);
        EndToEndBenchmark.Result ourTotal = total("(b)", windows, false);
        return new WindowSummary(
            spread(pairs, pair -> ResultsTable.cpuRatio(stock[pair], ours[pair])),
            spread(pairs, pair -> ResultsTable.mailCpuRatio(stock[pair], ours[pair])),
            spread(pairs, pair -> ours[pair].throughput() / stock[pair].throughput()),
            ResultsTable.cpuRatio(stockTotal, ourTotal), ResultsTable.mailCpuRatio(stockTotal, ourTotal),
            ourTotal.throughput() / stockTotal.throughput(),
            idle(windows, false), idle(windows, true),
            new double[] {windows.stream().mapToDouble(window -> 100 * window.stealShare()).min().orElse(Double.NaN),
                windows.stream().mapToDouble(window -> 100 * window.stealShare()).max().orElse(Double.NaN)},
            windows.stream().filter(window -> !window.otherQuiet()).count(),
            new double[] {windows.stream().mapToDouble(WindowSummary::restPerMail).min().orElse(Double.NaN),
                windows.stream().mapToDouble(WindowSummary::restPerMail).max().orElse(Double.NaN)},
            spread(pairs, pair -> outsideJitPerDelivery(stock[pair]) / outsideJitPerDelivery(ours[pair])),
            outsideJitPerDelivery(stockTotal) / outsideJitPerDelivery(ourTotal),
            new Spread(java.util.stream.IntStream.range(pairs / 2, pairs)
                .mapToDouble(pair -> ResultsTable.cpuRatio(stock[pair], ours[pair])).toArray()));
    }

    /** Server CPU per delivered message without the JIT compiler threads. */
    static double outsideJitPerDelivery(EndToEndBenchmark.Result result) {
        return result.serverCpu.map(measured -> 1000 * (measured.totalSeconds() - measured.jitSeconds()) / result.deliveries)
            .orElse(Double.NaN);
    }

    private static double restPerMail(EndToEndBenchmark.Window window) {
        return 1000 * window.restOfMachineSeconds() / window.result().delivered;
    }

    private static Spread spread(int pairs, java.util.function.IntToDoubleFunction ratio) {
        return new Spread(java.util.stream.IntStream.range(0, pairs).mapToDouble(ratio).toArray());
    }

    /** The idle server's CPU during the windows of the one measured ({@code measuredStock}), ms per mail of those windows. */
    private static double idle(List<EndToEndBenchmark.Window> windows, boolean measuredStock) {
        double seconds = windows.stream().filter(window -> window.stock() == measuredStock)
            .mapToDouble(window -> window.otherServerCpu().map(ServerCpu::totalSeconds).orElse(Double.NaN)).sum();
        long mails = windows.stream().filter(window -> window.stock() == measuredStock).mapToLong(window -> window.result().delivered).sum();
        return 1000 * seconds / mails;
    }

    /** One server's windows as one result: mails, time, latencies, deliveries and CPU summed. */
    static EndToEndBenchmark.Result total(String name, List<EndToEndBenchmark.Window> windows, boolean stock) {
        List<EndToEndBenchmark.Result> results = windows.stream().filter(window -> window.stock() == stock).map(EndToEndBenchmark.Window::result)
            .toList();
        EndToEndBenchmark.Result total = new EndToEndBenchmark.Result(name, results.stream().mapToInt(result -> result.mails).sum(),
            sum(results, result -> result.seconds),
            results.stream().flatMapToDouble(result -> DoubleStream.of(result.latenciesMillis)).sorted().toArray());
        total.delivered = results.stream().mapToInt(result -> result.delivered).sum();
        total.deliveries = results.stream().mapToLong(result -> result.deliveries).sum();
        java.util.Map<String, Long> others = new java.util.TreeMap<>();
        results.forEach(result -> result.otherDeliveries.forEach((account, count) -> others.merge(account, count, Long::sum)));
        total.otherDeliveries = others;
        total.serverCpu = sumCpu(results.stream().map(result -> result.serverCpu).toList());
        total.clientCpu = sumCpu(results.stream().map(result -> result.clientCpu).toList());
        return total;
    }

    private static double sum(List<EndToEndBenchmark.Result> results, ToDoubleFunction<EndToEndBenchmark.Result> value) {
        return results.stream().mapToDouble(value).sum();
    }

    private static Optional<ServerCpu> sumCpu(List<Optional<ServerCpu>> parts) {
        if (parts.isEmpty() || parts.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return parts.stream().map(Optional::get).reduce(ServerCpu::plus);
    }

    String describe() {
        return String.format(Locale.ROOT, "server CPU per delivered message a/b: %.2f over all windows; %s%n"
                + "server CPU per accepted mail a/b: %.2f over all windows; %s%n"
                + "throughput b/a: %.2f over all windows; %s (targets >= 0.8)%n"
                + "the JIT apart: server CPU per delivered message a/b outside the JIT compiler threads %.2f over all windows; median %.2f"
                + " (quartiles %.2f to %.2f); with the JIT, the later half of the window pairs alone: median %.2f%n"
                + "idle server's CPU during the other's windows: (a) %.2f ms per mail of (b)'s windows, (b) %.2f ms per mail of (a)'s;"
                + " steal %.1f to %.1f %% of the machine per window; %d window(s) whose other server was not quiet first;"
                + " the rest of the machine %.2f to %.2f ms per mail of a window",
            totalCpu, cpu.describe(), totalMailCpu, mailCpu.describe(), totalThroughput, throughput.describe(), totalCpuOutsideJit,
            cpuOutsideJit.median(), cpuOutsideJit.quantile(0.25), cpuOutsideJit.quantile(0.75), laterCpu.median(), idleStock, idleOurs,
            stealPercent[0], stealPercent[1], notQuiet, restOfMachine[0], restOfMachine[1]);
    }
}
