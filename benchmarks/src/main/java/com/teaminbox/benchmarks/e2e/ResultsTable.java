package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.Stream;

/** Rewrites the end-to-end sections of docs/benchmarks.md between their markers, with the machine and command. */
final class ResultsTable {
    private static final String COMPARISON = "e2e-comparison";
    private static final String COMPARISON_STOCK_THREAD_IDS = "e2e-comparison-stock-thread-ids";
    private static final String MEMORY = "e2e-memory";

    private ResultsTable() {
    }

    /**
     * The medians of the pairs' ratios, and of each pipeline's CPU per delivered message and per
     * accepted mail. Per mail is the figure extra deliveries cannot flatter: a pipeline that
     * delivered more messages for the same mails would look cheaper per delivered message.
     */
    record Summary(double cpuRatio, double throughputRatio, double stockCpuMillis, double oursCpuMillis,
                   double mailCpuRatio, double stockMailCpuMillis, double oursMailCpuMillis) {
    }

    /** @param pairs each {stock, ours} */
    static Summary summarize(List<EndToEndBenchmark.Result[]> pairs) {
        return new Summary(median(pairs.stream().mapToDouble(pair -> cpuRatio(pair[0], pair[1]))),
            median(pairs.stream().mapToDouble(pair -> pair[1].throughput() / pair[0].throughput())),
            median(pairs.stream().mapToDouble(pair -> cpuMillisPerDelivery(pair[0]))),
            median(pairs.stream().mapToDouble(pair -> cpuMillisPerDelivery(pair[1]))),
            median(pairs.stream().mapToDouble(pair -> mailCpuRatio(pair[0], pair[1]))),
            median(pairs.stream().mapToDouble(pair -> cpuMillisPerMail(pair[0]))),
            median(pairs.stream().mapToDouble(pair -> cpuMillisPerMail(pair[1]))));
    }

    static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    static void writeComparison(Path document, String command, LocalDate date, List<EndToEndBenchmark.Result[]> pairs, Summary summary,
                                String heap, int senders, int warmup, boolean stockThreadIds, String load) throws IOException {
        EndToEndBenchmark.Result first = pairs.get(0)[0];
        StringBuilder text = new StringBuilder();
        text.append("Run of ").append(date).append(" on ").append(machine()).append(" (load average ").append(load).append("), `")
            .append(command).append("`: ").append(pairs.size()).append(" interleaved pair(s), each server ").append(first.mails)
            .append(" mails of ~20 KB after ").append(warmup).append(" warm-up mails on the same IMAP sessions, ").append(senders)
            .append(" concurrent SMTP senders, its own JVM with -Xmx").append(heap)
            .append(stockThreadIds ? ", the memory server's own thread-id guessing (a search of the account per append).\n\n"
                : ", both servers with James's naive thread-id guessing.\n\n")
            .append("| pair | pipeline | mails/s | p50 latency | p99 latency | peak heap before / after GC | delivered messages | server CPU per delivered message (JIT, GC) | server CPU per mail | load generator CPU per mail |\n")
            .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int index = 0; index < pairs.size(); index++) {
            row(text, index + 1, pairs.get(index)[0]);
            row(text, index + 1, pairs.get(index)[1]);
        }
        text.append(String.format(Locale.ROOT, "%nServer CPU per delivered message, a/b: **%.2f** (median of %d pair(s): %s; target ≥ 0.8); "
                + "medians of each pipeline: %.2f ms (a) and %.2f ms (b).%n", summary.cpuRatio(), pairs.size(),
            pairs.stream().map(pair -> String.format(Locale.ROOT, "%.2f", cpuRatio(pair[0], pair[1]))).collect(Collectors.joining(", ")),
            summary.stockCpuMillis(), summary.oursCpuMillis()));
        text.append(String.format(Locale.ROOT, "Server CPU per accepted mail, a/b: **%.2f** (median; %s); medians of each pipeline: %.2f ms (a) and "
                + "%.2f ms (b).%n", summary.mailCpuRatio(),
            pairs.stream().map(pair -> String.format(Locale.ROOT, "%.2f", mailCpuRatio(pair[0], pair[1]))).collect(Collectors.joining(", ")),
            summary.stockMailCpuMillis(), summary.oursMailCpuMillis()));
        text.append(String.format(Locale.ROOT, "Throughput ratio b/a: **%.2f** (median; %s; target ≥ 0.8).%n", summary.throughputRatio(),
            pairs.stream().map(pair -> String.format(Locale.ROOT, "%.2f", pair[1].throughput() / pair[0].throughput()))
                .collect(Collectors.joining(", "))));
        replace(document, stockThreadIds ? COMPARISON_STOCK_THREAD_IDS : COMPARISON, text.toString());
    }

    /** The comparison in alternating windows, both servers up: each server's windows together, then the ratios and their spread. */
    static void writeWindows(Path document, String command, LocalDate date, List<WindowSummary.Fork> forks, String heap, int senders,
                             int warmup, int window, boolean stockThreadIds, String load) throws IOException {
        WindowSummary.Fork first = forks.get(0);
        StringBuilder text = new StringBuilder();
        text.append("Run of ").append(date).append(" on ").append(machine()).append(" (load average ").append(load).append("), `")
            .append(command).append("`: ").append(forks.size()).append(forks.size() == 1 ? " pair of servers" : " fresh pairs of servers one after the other")
            .append(", both up, each its own JVM with -Xmx").append(heap).append(", ").append(first.stock().mails)
            .append(" mails of ~20 KB each in ").append(first.summary().cpu().values().length).append(" alternating windows of up to ")
            .append(window).append(" (a b, b a, a b, ...) after ").append(warmup).append(" warm-up mails on the same IMAP sessions, ")
            .append(senders).append(" concurrent SMTP senders")
            .append(stockThreadIds ? ", the memory server's own thread-id guessing (a search of the account per append).\n\n"
                : ", both servers with James's naive thread-id guessing.\n\n")
            .append("| fork | pipeline | mails/s | p50 latency | p99 latency | peak heap before / after GC | delivered messages | server CPU per delivered message (JIT, GC) | server CPU per mail | load generator CPU per mail |\n")
            .append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int fork = 0; fork < forks.size(); fork++) {
            row(text, fork + 1, forks.get(fork).stock());
            row(text, fork + 1, forks.get(fork).ours());
        }
        text.append(String.format(Locale.ROOT, "%nServer CPU per delivered message, a/b: **%.2f** (%s; target ≥ 0.8); ratios of the totals %s.%n",
            WindowSummary.Fork.median(forks, summary -> summary.cpu().median()), medians(forks, summary -> summary.cpu()),
            WindowSummary.Fork.values(forks, WindowSummary::totalCpu)));
        text.append(String.format(Locale.ROOT, "Server CPU per accepted mail, a/b: **%.2f** (%s); ratios of the totals %s.%n",
            WindowSummary.Fork.median(forks, summary -> summary.mailCpu().median()), medians(forks, summary -> summary.mailCpu()),
            WindowSummary.Fork.values(forks, WindowSummary::totalMailCpu)));
        text.append(String.format(Locale.ROOT, "Throughput ratio b/a: **%.2f** (%s; target ≥ 0.8); ratios of the totals %s.%n",
            WindowSummary.Fork.median(forks, summary -> summary.throughput().median()), medians(forks, summary -> summary.throughput()),
            WindowSummary.Fork.values(forks, WindowSummary::totalThroughput)));
        text.append(String.format(Locale.ROOT, "The JIT apart: server CPU per delivered message a/b outside the JIT compiler threads %.2f"
                + " (the forks' medians of their window pairs %s; ratios of the totals %s); with the JIT, the later half of each fork's"
                + " window pairs alone %s (the older servers).%n",
            WindowSummary.Fork.median(forks, summary -> summary.cpuOutsideJit().median()),
            WindowSummary.Fork.values(forks, summary -> summary.cpuOutsideJit().median()),
            WindowSummary.Fork.values(forks, WindowSummary::totalCpuOutsideJit),
            WindowSummary.Fork.values(forks, summary -> summary.laterCpu().median())));
        for (int fork = 0; fork < forks.size(); fork++) {
            WindowSummary summary = forks.get(fork).summary();
            text.append(String.format(Locale.ROOT, "Fork %d: the idle server during the other's windows: (a) %.2f ms per mail of (b)'s windows,"
                    + " (b) %.2f ms per mail of (a)'s; the machine's steal time %.1f to %.1f %% per window; the rest of the machine's"
                    + " processes %.2f to %.2f ms per mail of a window; %d window(s) began before the other server was quiet.%n",
                fork + 1, summary.idleStock(), summary.idleOurs(), summary.stealPercent()[0], summary.stealPercent()[1],
                summary.restOfMachine()[0], summary.restOfMachine()[1], summary.notQuiet()));
        }
        replace(document, stockThreadIds ? COMPARISON_STOCK_THREAD_IDS : COMPARISON, text.toString());
    }

    /** Each fork's median of one ratio over its window pairs, and its quartiles. */
    private static String medians(List<WindowSummary.Fork> forks, java.util.function.Function<WindowSummary, WindowSummary.Spread> ratio) {
        return forks.size() == 1 ? ratio.apply(forks.get(0).summary()).describe()
            : "median of " + forks.size() + " fresh pairs of servers; each pair's median of its window pairs, quartiles: "
                + forks.stream().map(fork -> ratio.apply(fork.summary())).map(spread -> String.format(Locale.ROOT, "%.2f (%.2f to %.2f)",
                    spread.median(), spread.quantile(0.25), spread.quantile(0.75))).collect(java.util.stream.Collectors.joining(", "));
    }

    static void writeMemory(Path document, String command, LocalDate date, List<EndToEndBenchmark.Result> results, int senders)
        throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Run of ").append(date).append(" on ").append(machine()).append(", `").append(command).append("`, ")
            .append(senders).append(" senders, each server fresh with -Xmx512m ((b) with 1,000 rules):\n\n")
            .append("| run | delivered | mails/s | p50 latency | p99 latency | peak heap before / after GC | OutOfMemoryError |\n")
            .append("|---|---:|---:|---:|---:|---:|---|\n");
        for (EndToEndBenchmark.Result result : results) {
            text.append(String.format(Locale.ROOT, "| %s | %d/%d | %.1f | %.0f ms | %.0f ms | %d / %d MB | %s |%n", result.name,
                result.delivered, result.mails, result.throughput(), result.percentile(0.5), result.percentile(0.99), result.peakHeapMegabytes,
                result.peakLiveHeapMegabytes, result.outOfMemory ? "**yes**" : "no"));
        }
        replace(document, MEMORY, text.toString());
    }

    private static void row(StringBuilder text, int pair, EndToEndBenchmark.Result result) {
        row(text, Integer.toString(pair), result);
    }

    private static void row(StringBuilder text, String pair, EndToEndBenchmark.Result result) {
        String cpu = result.serverCpu.map(measured -> String.format(Locale.ROOT, "%.2f ms (%.2f, %.2f)", cpuMillisPerDelivery(result),
            1000 * measured.jitSeconds() / result.deliveries, 1000 * measured.gcSeconds() / result.deliveries)).orElse("n/a");
        String client = result.clientCpu.map(measured -> String.format(Locale.ROOT, "%.2f ms", 1000 * measured.totalSeconds() / result.delivered))
            .orElse("n/a");
        text.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.0f ms | %.0f ms | %d / %d MB | %d | %s | %.2f ms | %s |%n", pair,
            result.name, result.throughput(), result.percentile(0.5), result.percentile(0.99), result.peakHeapMegabytes,
            result.peakLiveHeapMegabytes, result.deliveries, cpu, cpuMillisPerMail(result), client));
    }

    /** Server CPU per incoming mail. */
    static double cpuMillisPerMail(EndToEndBenchmark.Result result) {
        return result.serverCpu.map(measured -> 1000 * measured.totalSeconds() / result.delivered).orElse(Double.NaN);
    }

    /** Server CPU per message it delivered: the mails, and the acknowledgements and notifications they caused. */
    static double cpuMillisPerDelivery(EndToEndBenchmark.Result result) {
        return result.serverCpu.map(measured -> 1000 * measured.totalSeconds() / result.deliveries).orElse(Double.NaN);
    }

    /** (a)'s CPU per delivered message over (b)'s: 1 when (b) costs what stock costs. */
    static double cpuRatio(EndToEndBenchmark.Result stock, EndToEndBenchmark.Result ours) {
        return cpuMillisPerDelivery(stock) / cpuMillisPerDelivery(ours);
    }

    /** (a)'s CPU per accepted mail over (b)'s: what an administrator pays per mail received, whatever each delivers. */
    static double mailCpuRatio(EndToEndBenchmark.Result stock, EndToEndBenchmark.Result ours) {
        return cpuMillisPerMail(stock) / cpuMillisPerMail(ours);
    }

    private static void replace(Path document, String section, String content) throws IOException {
        String start = "<!-- " + section + ":start -->";
        String end = "<!-- " + section + ":end -->";
        String text = Files.readString(document);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(document + " has no " + start + " ... " + end + " section");
        }
        Files.writeString(document, text.substring(0, from + start.length()) + "\n" + content + text.substring(to));
        System.out.println("Results written to " + document + " (" + section + ")");
    }

    static String machine() {
        long memoryKb = 0;
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memoryKb = lines.filter(line -> line.startsWith("MemTotal:")).map(line -> line.replaceAll("\\D", ""))
                .mapToLong(Long::parseLong).findFirst().orElse(0);
        } catch (IOException e) {
            // Not Linux: the memory is left out.
        }
        return Runtime.getRuntime().availableProcessors() + " cores" + (memoryKb > 0 ? String.format(Locale.ROOT, ", %.0f GiB", memoryKb / 1048576.0) : "")
            + ", Java " + Runtime.version();
    }
}
