package com.teaminbox.benchmarks.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * End to end, over the network, against stock James: N mails over SMTP from 8 concurrent senders
 * through (a) stock James 3.8.1 with the demo's own configuration minus every TeamInbox line and
 * (b) the full TeamInbox demo pipeline with 1,000 rules, each server its own JVM with the same
 * heap, both up, the mails in alternating windows (a b, b a, ...; {@code --sequential}: one server at
 * a time in interleaved pairs, five by default, one with {@code --quick}); the primary figure is
 * server CPU per delivered message (acknowledgements and notifications count), the median of the
 * (window) pairs' ratios.
 * Latency is from the 250 after DATA to the moment an IMAP poller logged in to the recipient
 * mailbox first sees the Message-ID. With {@code --memory}: a 50 MB attachment, then 1,000 mails
 * of 1 MB, through (b) with {@code -Xmx512m}; the peak heap comes from the server's GC log.
 * <pre>
 * ./benchmark e2e [--quick] [--forks 3] [--mails 2000] [--window 250] [--senders 8] [--warmup 3000] [--heap 1g] [--samples DIR] [--stock-thread-ids] [--no-docs] [--jit-record]
 * ./benchmark e2e --sequential [--pairs 5 | --quick] [--next-minute] ...
 * ./benchmark e2e --memory [--big-mails 1000]
 * ./benchmark e2e --without ApplyRules,Acknowledge [--mails 2000] [--warmup 3000] ...
 * </pre>
 */
public final class EndToEndBenchmark {
    private static final String PASSWORD = "demo";
    private static final List<String> FOLDERS = List.of("INBOX", "Billing", "Junk");
    /** The demo's accounts besides the shared ones: acknowledgements (jane) and rule notifications (members) land there. */
    private static final List<String> OTHER_ACCOUNTS = List.of("alice@example.test", "bob@example.test", "carol@example.test",
        "dave@example.test", "jane@customer.test");
    private static final String STOCK = "(a) stock James 3.8.1, the demo's pipeline without TeamInbox";
    private static final String OURS = "(b) TeamInbox demo pipeline, 1,000 rules";
    /** Below this share of a core outside the JIT, with at most the watch's polling left, a server has finished its work. */
    private static final double IDLE_CORES = 0.2;
    /** How long both servers rest after the warm-up, whichever is done sooner: the same time for both (see {@link #awaitIdle}). */
    private static final int SETTLE_AFTER_WARM_UP_SECONDS = 10;
    private static final int MOST_IDLE_WAIT_SECONDS = 30;
    /**
     * The measured window opens this long after the server said READY at the earliest: TeamInbox's
     * once-a-minute tasks (the SLA, retention and digest checks, the audit index's commit), scheduled
     * before READY, have then run once. Their first run compiles their code (the first commit alone
     * some 200 Lucene methods) and fell inside or outside a window depending on the pair.
     */
    static final int FIRST_MINUTE_TASKS_DONE_SECONDS = 65;
    /** With --next-minute: past the tasks' second run, a minute after the first. */
    static final int SECOND_MINUTE_TASKS_DONE_SECONDS = 128;

    private final Path root;
    private final Path appTarget;
    private final Path demoConf;
    private final Path work;
    private final int senders;
    private Path samples;
    private boolean stockThreadIds;
    private boolean nextMinute;
    /** With {@code --jit-record}: the Flight Recorder settings both servers record with ({@link JitRecording}), else empty. */
    private Optional<Path> jitSettings = Optional.empty();
    private final List<JitRecording.InWindows> stockJit = new ArrayList<>();
    private final List<JitRecording.InWindows> ourJit = new ArrayList<>();

    private EndToEndBenchmark(Path root, int senders) throws Exception {
        this.root = root;
        this.appTarget = root.resolve("app/target");
        this.demoConf = appTarget.resolve("classes/demo/conf"); // stock James files and ours from conf/, as the demo reads them
        this.work = Files.createTempDirectory("teaminbox-e2e");
        this.senders = senders;
        this.samples = root.resolve("samples");
    }

    /** What one pipeline did with one batch of mails. */
    static final class Result {
        final String name;
        final int mails;
        final double seconds;
        final double[] latenciesMillis;
        long peakHeapMegabytes = -1;
        long peakLiveHeapMegabytes = -1;
        boolean outOfMemory;
        int delivered;
        /** Every message the server stored for the measured mails: theirs, acknowledgements, notifications. */
        long deliveries;
        /** The messages each other account received during the measured phase (acknowledgements, notifications). */
        Map<String, Long> otherDeliveries = Map.of();
        Optional<ServerCpu> serverCpu = Optional.empty();
        Optional<ServerCpu> clientCpu = Optional.empty();

        Result(String name, int mails, double seconds, double[] latenciesMillis) {
            this.name = name;
            this.mails = mails;
            this.seconds = seconds;
            this.latenciesMillis = latenciesMillis;
        }

        double throughput() {
            return delivered / seconds;
        }

        double percentile(double fraction) {
            if (latenciesMillis.length == 0) {
                return Double.NaN;
            }
            return latenciesMillis[(int) Math.min(latenciesMillis.length - 1, Math.ceil(fraction * latenciesMillis.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        E2eOptions options;
        try {
            options = E2eOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark e2e: " + e.getMessage());
            System.exit(2);
            return;
        }
        EndToEndBenchmark benchmark = new EndToEndBenchmark(Path.of("").toAbsolutePath(), options.senders());
        options.samples().ifPresent(samples -> benchmark.samples = samples);
        benchmark.stockThreadIds = options.stockThreadIds();
        benchmark.nextMinute = options.nextMinute();
        if (options.jitRecord()) {
            benchmark.jitSettings = Optional.of(JitRecording.writeSettings(benchmark.work));
        }
        String command = ("./benchmark e2e " + String.join(" ", args)).strip();
        switch (options.mode()) {
            case ABLATION -> benchmark.ablate(options.without(), options.mails(), options.warmup(), options.heap());
            case MEMORY -> benchmark.memory(options.bigMails(), command, options.updateDocs());
            case COMPARE -> {
                if (options.sequential()) {
                    benchmark.compare(options.mails(), options.warmup(), options.heap(), options.pairs(), command, options.updateDocs());
                } else {
                    benchmark.compareInWindows(options.mails(), options.window(), options.warmup(), options.heap(), options.forks(),
                        command, options.updateDocs());
                }
            }
        }
        System.exit(0);
    }

    /**
     * {@code pairs} runs of (a) and (b), interleaved (a b, b a, a b, ...: a drift of the machine's
     * speed weighs on both alike); the figures are the medians of the pairs' ratios.
     */
    private void compare(int mails, int warmup, String heap, int pairs, String command, boolean updateDocs) throws Exception {
        System.out.printf(Locale.ROOT, "End-to-end benchmark: %d pair(s), %d mails of ~20 KB (after %d warm-up mails), %d senders, -Xmx%s each,"
            + " %d cores, load average %s; servers' homes under %s%n", pairs, mails, warmup, senders, heap,
            Runtime.getRuntime().availableProcessors(), loadAverage(), work);
        String loadBefore = loadAverage();
        List<Result[]> runs = new ArrayList<>();
        for (int pair = 1; pair <= pairs; pair++) {
            Result stock = null;
            Result ours = null;
            for (int turn = 0; turn < 2; turn++) {
                if ((turn == 0) == (pair % 2 == 1)) {
                    stock = run(STOCK, with(Pipelines.stock(demoConf, work)), heap, Optional.empty(), mails, warmup, "a" + pair);
                    print(stock);
                } else {
                    ours = run(OURS, with(Pipelines.teamInbox(demoConf, appTarget, work)), heap, Optional.of("alice@example.test"), mails, warmup,
                        "b" + pair);
                    print(ours);
                }
            }
            System.out.printf(Locale.ROOT, "pair %d: server CPU per delivered message a/b %.2f, per accepted mail a/b %.2f, throughput ratio b/a %.2f%n",
                pair, ResultsTable.cpuRatio(stock, ours), ResultsTable.mailCpuRatio(stock, ours), ours.throughput() / stock.throughput());
            runs.add(new Result[] {stock, ours});
        }
        ResultsTable.Summary summary = ResultsTable.summarize(runs);
        System.out.printf(Locale.ROOT, "median of %d pair(s): server CPU per delivered message a/b %.2f, per accepted mail a/b %.2f (%.2f ms (a),"
                + " %.2f ms (b)), throughput ratio b/a %.2f (targets >= 0.8)%n",
            pairs, summary.cpuRatio(), summary.mailCpuRatio(), summary.stockMailCpuMillis(), summary.oursMailCpuMillis(), summary.throughputRatio());
        if (updateDocs) {
            ResultsTable.writeComparison(root.resolve("docs/benchmarks.md"), command, LocalDate.now(), runs, summary, heap, senders, warmup,
                stockThreadIds, loadBefore + " before, " + loadAverage() + " after");
        }
    }

    /** One measured window of one server, both servers up. */
    record Window(int pair, boolean stock, Result result, Optional<ServerCpu> otherServerCpu, double stealShare, double quietWaitSeconds,
                  boolean otherQuiet, double closeWaitSeconds, boolean quietAfter, double restOfMachineSeconds, JitRecording.Span span) {
    }

    /**
     * Window pair {@code pair} (from 0) runs (a) first when even, (b) first when odd: a b, b a, a b,
     * ... (ABBA), so that a drift of the machine's speed within a series falls on both alike.
     */
    static boolean stockFirst(int pair) {
        return pair % 2 == 0;
    }

    /**
     * Both servers up for the whole comparison, each its own JVM with the same heap: both warmed
     * alike, then {@code mails} each in windows of {@code window} mails taken in turn (a b b a a b
     * ...). Before a window the other server must be quiet, its JIT compiler threads included; its
     * watching sessions stay connected and send nothing. Each window closes as the sequential
     * method's measured phase does (every mail seen, the server's own work for them done). The
     * figures: the median of the window pairs' ratios with their spread, and the ratio of the
     * totals.
     */
    private void compareInWindows(int mails, int window, int warmup, String heap, int forks, String command, boolean updateDocs)
        throws Exception {
        int pairs = (mails + window - 1) / window;
        System.out.printf(Locale.ROOT, "End-to-end benchmark, both servers up: %d fresh pair(s) of servers, each %d mails of ~20 KB in %d"
                + " alternating windows of up to %d (after %d warm-up mails), %d senders, -Xmx%s each, %d cores, load average %s;"
                + " servers' homes under %s%n",
            forks, mails, pairs, window, warmup, senders, heap, Runtime.getRuntime().availableProcessors(), loadAverage(), work);
        String loadBefore = loadAverage();
        List<WindowSummary.Fork> results = new ArrayList<>();
        for (int fork = 1; fork <= forks; fork++) {
            if (forks > 1) {
                System.out.printf(Locale.ROOT, "fork %d of %d: a fresh pair of servers%n", fork, forks);
            }
            results.add(fork(fork, mails, window, warmup, heap));
        }
        if (forks > 1) {
            System.out.println(WindowSummary.Fork.describe(results));
            if (jitSettings.isPresent()) {
                System.out.println("over " + forks + " forks: " + JitRecording.InWindows.sum(stockJit).describe("(a)"));
                System.out.println("over " + forks + " forks: " + JitRecording.InWindows.sum(ourJit).describe("(b)"));
            }
        }
        if (updateDocs) {
            ResultsTable.writeWindows(root.resolve("docs/benchmarks.md"), command, LocalDate.now(), results, heap, senders, warmup, window,
                stockThreadIds, loadBefore + " before, " + loadAverage() + " after");
        }
    }

    /** One fresh pair of servers through the whole series: warm-up, rest, the alternating windows. */
    private WindowSummary.Fork fork(int fork, int mails, int window, int warmup, String heap) throws Exception {
        int pairs = (mails + window - 1) / window;
        String suffix = fork == 1 ? "" : Integer.toString(fork);
        Path stockHome = work.resolve("a" + suffix);
        Path ourHome = work.resolve("b" + suffix);
        List<Window> windows = new ArrayList<>();
        WindowSummary.Fork result;
        try (JamesProcess stock = JamesProcess.start(appTarget, stockHome, heap, jitOption(stockHome), with(Pipelines.stock(demoConf, work)));
             JamesProcess ours = JamesProcess.start(appTarget, ourHome, heap, jitOption(ourHome),
                 with(Pipelines.teamInbox(demoConf, appTarget, work)))) {
            createRecipient(stock);
            try (ImapAccount owner = ImapAccount.login(stock.imap, BenchmarkMails.RECIPIENT, PASSWORD)) {
                for (String folder : FOLDERS) {
                    owner.create(folder);
                }
            }
            List<BenchmarkMails.Mail> stockMails = BenchmarkMails.fromSamples(samples, warmup + mails, "a");
            List<BenchmarkMails.Mail> ourMails = BenchmarkMails.fromSamples(samples, warmup + mails, "b");
            try (MailboxWatch stockWatch = MailboxWatch.open(stock.imap, BenchmarkMails.RECIPIENT, Optional.empty(), PASSWORD, FOLDERS, false);
                 MailboxWatch ourWatch = MailboxWatch.open(ours.imap, BenchmarkMails.RECIPIENT, Optional.of("alice@example.test"), PASSWORD,
                     FOLDERS, false)) {
                ourWatch.pause();
                measure(stock, stockWatch, stockMails.subList(0, warmup), "warm-up");
                stockWatch.pause();
                ourWatch.resume();
                measure(ours, ourWatch, ourMails.subList(0, warmup), "warm-up");
                ourWatch.pause();
                awaitIdle(stock, "(a) warm-up's work done", SETTLE_AFTER_WARM_UP_SECONDS);
                awaitIdle(ours, "(b) warm-up's work done", SETTLE_AFTER_WARM_UP_SECONDS);
                awaitFirstMinuteTasks(stock);
                awaitFirstMinuteTasks(ours);
                Map<String, Long> stockCounts = awaitSteadyCounts(stock);
                Map<String, Long> ourCounts = awaitSteadyCounts(ours);
                double seriesFrom = secondsSinceReady(ours);
                for (int pair = 0; pair < pairs; pair++) {
                    List<BenchmarkMails.Mail> stockSlice = stockMails.subList(warmup + pair * window, Math.min(warmup + mails,
                        warmup + (pair + 1) * window));
                    List<BenchmarkMails.Mail> ourSlice = ourMails.subList(warmup + pair * window, Math.min(warmup + mails,
                        warmup + (pair + 1) * window));
                    for (boolean stockTurn : stockFirst(pair) ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        JamesProcess james = stockTurn ? stock : ours;
                        Map<String, Long> before = stockTurn ? stockCounts : ourCounts;
                        Window measured = window(pair, stockTurn, james, stockTurn ? ours : stock, stockTurn ? stockWatch : ourWatch,
                            stockTurn ? stockSlice : ourSlice, before);
                        Map<String, Long> after = awaitSteadyCounts(james); // outside the window: both servers count alike
                        Map<String, Long> others = new TreeMap<>();
                        after.forEach((account, count) -> others.put(account, count - before.getOrDefault(account, 0L)));
                        measured.result().otherDeliveries = others;
                        measured.result().deliveries = measured.result().delivered + others.values().stream().mapToLong(Long::longValue).sum();
                        if (stockTurn) {
                            stockCounts = after;
                        } else {
                            ourCounts = after;
                        }
                        windows.add(measured);
                        printWindow(measured);
                    }
                }
                Result stockTotal = WindowSummary.total(STOCK, windows, true);
                Result ourTotal = WindowSummary.total(OURS, windows, false);
                stockTotal.peakHeapMegabytes = stock.peakHeapMegabytes();
                stockTotal.peakLiveHeapMegabytes = stock.peakLiveHeapMegabytes();
                ourTotal.peakHeapMegabytes = ours.peakHeapMegabytes();
                ourTotal.peakLiveHeapMegabytes = ours.peakLiveHeapMegabytes();
                print(stockTotal);
                print(ourTotal);
                // (b)'s once-a-minute tasks run about every 60 s after READY: a series this long holds some, in one window each.
                System.out.printf(Locale.ROOT, "%-44s the windows ran from %.0f to %.0f s after (b)'s READY%n", "", seriesFrom,
                    secondsSinceReady(ours));
                WindowSummary summary = WindowSummary.of(windows);
                System.out.println(summary.describe());
                result = new WindowSummary.Fork(stockTotal, ourTotal, summary);
            }
        }
        if (jitSettings.isPresent()) {
            // The servers have stopped: each wrote its recording on the way out.
            JitRecording.InWindows stockCompiles = JitRecording.read(JitRecording.recordingOf(stockHome), spans(windows, true));
            JitRecording.InWindows ourCompiles = JitRecording.read(JitRecording.recordingOf(ourHome), spans(windows, false));
            stockJit.add(stockCompiles);
            ourJit.add(ourCompiles);
            System.out.println(stockCompiles.describe("(a)"));
            System.out.println(ourCompiles.describe("(b)"));
        }
        return result;
    }

    private List<String> jitOption(Path home) {
        return jitSettings.map(settings -> List.of(JitRecording.jvmOption(home, settings))).orElse(List.of());
    }

    private static List<JitRecording.Span> spans(List<Window> windows, boolean stock) {
        return windows.stream().filter(window -> window.stock() == stock).map(Window::span).toList();
    }

    /**
     * One server's window: waits for the other server to be quiet (its JIT included, at most
     * {@value #MOST_IDLE_WAIT_SECONDS} s), then measures the mails as the sequential method does, the
     * other server's CPU, the load generator's and the machine's steal time over the same span.
     */
    private Window window(int pair, boolean stockTurn, JamesProcess james, JamesProcess other, MailboxWatch watch,
                          List<BenchmarkMails.Mail> slice, Map<String, Long> countsBefore) throws Exception {
        long quietFrom = System.nanoTime();
        boolean otherQuiet = awaitQuiet(other);
        double quietWait = (System.nanoTime() - quietFrom) / 1e9;
        Optional<ServerCpu> before = ServerCpu.of(james.pid());
        Optional<ServerCpu> otherBefore = ServerCpu.of(other.pid());
        Optional<ServerCpu> clientBefore = ServerCpu.of(ProcessHandle.current().pid());
        Optional<MachineCpu> machineBefore = MachineCpu.now();
        Instant from = Instant.now();
        watch.resume();
        Result result = measure(james, watch, slice, stockTurn ? "(a)" : "(b)");
        Optional<ServerCpu> clientAfter = ServerCpu.of(ProcessHandle.current().pid());
        watch.pause();
        // Closed once the server is quiet, its compiler threads included: the JIT work the window's mails
        // queued is inside it, not left to run (unmeasured) while the other server waits to begin.
        long closing = System.nanoTime();
        boolean quietAfter = awaitQuiet(james);
        double closeWait = (System.nanoTime() - closing) / 1e9;
        JitRecording.Span span = new JitRecording.Span(from, Instant.now());
        result.serverCpu = before.flatMap(earlier -> ServerCpu.of(james.pid()).map(now -> now.minus(earlier)));
        Optional<ServerCpu> otherUsed = otherBefore.flatMap(earlier -> ServerCpu.of(other.pid()).map(now -> now.minus(earlier)));
        Optional<ServerCpu> clientClosed = clientBefore.flatMap(earlier -> ServerCpu.of(ProcessHandle.current().pid()).map(now -> now.minus(earlier)));
        Optional<MachineCpu> machineAfter = MachineCpu.now();
        double steal = machineBefore.flatMap(earlier -> machineAfter.map(now -> now.stealShareSince(earlier))).orElse(Double.NaN);
        // Other processes on the shared machine over the window (other work, builds): the machine's busy time less the three JVMs'.
        double rest = machineBefore.flatMap(earlier -> machineAfter.map(now -> now.busySecondsSince(earlier))).orElse(Double.NaN)
            - result.serverCpu.map(ServerCpu::totalSeconds).orElse(Double.NaN) - otherUsed.map(ServerCpu::totalSeconds).orElse(Double.NaN)
            - clientClosed.map(ServerCpu::totalSeconds).orElse(Double.NaN);
        result.clientCpu = clientBefore.flatMap(earlier -> clientAfter.map(now -> now.minus(earlier)));
        return new Window(pair, stockTurn, result, otherUsed, steal, quietWait, otherQuiet, closeWait, quietAfter, rest, span);
    }

    /**
     * A server's whole CPU, compiler threads included, below {@value #IDLE_CORES} of a core over two
     * half-seconds in a row (at most {@value #MOST_IDLE_WAIT_SECONDS} s): the other server before a
     * window, the measured one at its close.
     */
    private static boolean awaitQuiet(JamesProcess james) throws Exception {
        return awaitBelowIdleLevel(james, true);
    }

    /**
     * Waits until the server uses less than {@value #IDLE_CORES} of a core over two half-seconds in
     * a row, its compiler threads counted or not, at most {@value #MOST_IDLE_WAIT_SECONDS} s; true
     * when that level was reached.
     */
    private static boolean awaitBelowIdleLevel(JamesProcess james, boolean countingTheJit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MOST_IDLE_WAIT_SECONDS);
        Optional<ServerCpu> previous = ServerCpu.of(james.pid());
        int quietIntervals = 0;
        while (previous.isPresent() && quietIntervals < 2 && System.nanoTime() < deadline) {
            long from = System.nanoTime();
            Thread.sleep(500);
            Optional<ServerCpu> now = ServerCpu.of(james.pid());
            if (now.isEmpty()) {
                break;
            }
            ServerCpu used = now.get().minus(previous.get());
            double seconds = countingTheJit ? used.totalSeconds() : used.totalSeconds() - used.jitSeconds();
            double cores = seconds / ((System.nanoTime() - from) / 1e9);
            quietIntervals = cores < IDLE_CORES ? quietIntervals + 1 : 0;
            previous = now;
        }
        return quietIntervals >= 2;
    }

    private static void printWindow(Window window) {
        Result result = window.result();
        ServerCpu cpu = result.serverCpu.orElse(null);
        System.out.printf(Locale.ROOT, "window %2d %s: %4d mails, %6.1f mails/s, %5.2f ms per delivered message (JIT %.2f, GC %.2f), %5.2f per mail;"
                + " load generator %.2f; other server %.2f ms per mail (JIT %.2f) after %.1f s to quiet%s; closed after %.1f s%s; steal %.1f %%;"
                + " rest of the machine %.2f ms per mail%n",
            window.pair() + 1, window.stock() ? "(a)" : "(b)", result.delivered, result.throughput(), ResultsTable.cpuMillisPerDelivery(result),
            cpu == null ? Double.NaN : 1000 * cpu.jitSeconds() / result.deliveries, cpu == null ? Double.NaN : 1000 * cpu.gcSeconds() / result.deliveries,
            ResultsTable.cpuMillisPerMail(result),
            result.clientCpu.map(client -> 1000 * client.totalSeconds() / result.delivered).orElse(Double.NaN),
            window.otherServerCpu().map(other -> 1000 * other.totalSeconds() / result.delivered).orElse(Double.NaN),
            window.otherServerCpu().map(other -> 1000 * other.jitSeconds() / result.delivered).orElse(Double.NaN),
            window.quietWaitSeconds(), window.otherQuiet() ? "" : " (NOT quiet)", window.closeWaitSeconds(),
            window.quietAfter() ? "" : " (NOT quiet)", 100 * window.stealShare(), 1000 * window.restOfMachineSeconds() / result.delivered);
    }

    /** The machine's load average (1, 5, 15 minutes), to say how quiet it was. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * What our mailets cost: (a), (b), then (b) with the named mailets taken out of the demo's
     * mailetcontainer.xml (simple class names, e.g. {@code ApplyRules,Acknowledge}), in one run; the
     * difference in server CPU per mail between the two (b) is their cost. Both (b) run the
     * shared-mailbox processor as its six mailets (the demo's one step cannot lose a part).
     */
    private void ablate(List<String> mailets, int mails, int warmup, String heap) throws Exception {
        System.out.printf(Locale.ROOT, "Ablation: %d mails of ~20 KB (after %d warm-up mails), %d senders, -Xmx%s, %d cores%n",
            mails, warmup, senders, heap, Runtime.getRuntime().availableProcessors());
        List<String> withoutOptions = new ArrayList<>(Pipelines.teamInbox(demoConf, appTarget, work));
        withoutOptions.addAll(Pipelines.withoutMailets(demoConf, work, mailets)); // first: a mistyped name fails before any run
        Result stock = run(STOCK, with(Pipelines.stock(demoConf, work)), heap, Optional.empty(), mails, warmup, "a");
        print(stock);
        List<String> oursInSixSteps = new ArrayList<>(Pipelines.teamInbox(demoConf, appTarget, work));
        oursInSixSteps.addAll(Pipelines.inSixSteps(demoConf, work));
        Result ours = run(OURS + " in six steps", with(oursInSixSteps), heap, Optional.of("alice@example.test"), mails, warmup,
            "b");
        print(ours);
        Result without = run("(b) without " + String.join(", ", mailets), with(withoutOptions), heap, Optional.of("alice@example.test"), mails,
            warmup, "b-without");
        print(without);
        System.out.printf(Locale.ROOT, "throughput ratio to (a): (b) %.2f, (b) without them %.2f%n", ours.throughput() / stock.throughput(),
            without.throughput() / stock.throughput());
        if (stock.serverCpu.isPresent() && ours.serverCpu.isPresent() && without.serverCpu.isPresent()) {
            System.out.printf(Locale.ROOT, "server CPU per mail: they cost %.1f ms; per delivered message (a)/(b) %.2f, (a)/(b) without them %.2f%n",
                ResultsTable.cpuMillisPerMail(ours) - ResultsTable.cpuMillisPerMail(without), ResultsTable.cpuRatio(stock, ours),
                ResultsTable.cpuRatio(stock, without));
        }
    }

    /**
     * Both servers get the same thread-id guessing. By default James's naive one: the memory
     * server's own searches the whole account at every append, a cost that grows with the mailbox
     * (quadratic over a run) and that distributed James, which looks threads up in a table, does
     * not have; it would measure the memory backend more than either pipeline.
     */
    private List<String> with(List<String> launcherOptions) {
        List<String> all = new ArrayList<>(launcherOptions);
        if (!stockThreadIds) {
            all.add("--naive-thread-ids");
        }
        return all;
    }

    private void memory(int bigMails, String command, boolean updateDocs) throws Exception {
        System.out.printf(Locale.ROOT, "Memory run: one 50 MB attachment through (b) and (a), then %d mails of 1 MB through (b), %d senders,"
            + " each server fresh with -Xmx512m%n", bigMails, senders);
        BenchmarkMails.Mail huge = BenchmarkMails.withAttachment("m", 0, 50 * 1024 * 1024);
        Result hugeOurs = bigMailRun("(b) TeamInbox, 50 MB attachment", Pipelines.teamInbox(demoConf, appTarget, work),
            Optional.of("alice@example.test"), List.of(huge), "memory-b-50mb");
        Result hugeStock = bigMailRun("(a) stock James, 50 MB attachment", Pipelines.stock(demoConf, work),
            Optional.empty(), List.of(huge), "memory-a-50mb");
        List<BenchmarkMails.Mail> megabyteMails = new ArrayList<>();
        for (int index = 1; index <= bigMails; index++) {
            megabyteMails.add(BenchmarkMails.withAttachment("m", index, 750 * 1024));
        }
        Result megabytes = bigMailRun("(b) TeamInbox, " + bigMails + " x 1 MB", Pipelines.teamInbox(demoConf, appTarget, work),
            Optional.of("alice@example.test"), megabyteMails, "memory-b-1mb");
        if (updateDocs) {
            ResultsTable.writeMemory(root.resolve("docs/benchmarks.md"), command, LocalDate.now(), List.of(hugeOurs, hugeStock, megabytes), senders);
        }
    }

    /** One fresh server with -Xmx512m; the pollers expunge what they saw (the memory backend stores messages in the heap). */
    private Result bigMailRun(String name, List<String> launcherOptions, Optional<String> member, List<BenchmarkMails.Mail> mails,
                              String label) throws Exception {
        try (JamesProcess james = JamesProcess.start(appTarget, work.resolve(label), "512m", launcherOptions)) {
            if (member.isEmpty()) {
                createRecipient(james);
            }
            Result result;
            try (MailboxWatch watch = MailboxWatch.open(james.imap, BenchmarkMails.RECIPIENT, member, PASSWORD, FOLDERS, true)) {
                result = measure(james, watch, mails, name);
            }
            result.peakHeapMegabytes = james.peakHeapMegabytes();
            result.peakLiveHeapMegabytes = james.peakLiveHeapMegabytes();
            result.outOfMemory = james.outOfMemory();
            print(result);
            return result;
        }
    }

    private Result run(String name, List<String> launcherOptions, String heap, Optional<String> member, int mails, int warmup,
                       String label) throws Exception {
        try (JamesProcess james = JamesProcess.start(appTarget, work.resolve(label), heap, launcherOptions)) {
            if (member.isEmpty()) {
                createRecipient(james);
                // The same watching as (b): a session per folder, on the folders the demo's rules file mail into.
                try (ImapAccount owner = ImapAccount.login(james.imap, BenchmarkMails.RECIPIENT, PASSWORD)) {
                    for (String folder : FOLDERS) {
                        owner.create(folder);
                    }
                }
            }
            List<BenchmarkMails.Mail> all = BenchmarkMails.fromSamples(samples, warmup + mails, label);
            try (MailboxWatch watch = MailboxWatch.open(james.imap, BenchmarkMails.RECIPIENT, member, PASSWORD, FOLDERS, false)) {
                measure(james, watch, all.subList(0, warmup), "warm-up");
                awaitIdle(james, "warm-up's work done", SETTLE_AFTER_WARM_UP_SECONDS);
                awaitFirstMinuteTasks(james);
                Map<String, Long> othersBefore = awaitSteadyCounts(james);
                Optional<ServerCpu> before = ServerCpu.of(james.pid());
                double opened = secondsSinceReady(james);
                Optional<ServerCpu> clientBefore = ServerCpu.of(ProcessHandle.current().pid());
                Result result = measure(james, watch, all.subList(warmup, all.size()), name);
                Optional<ServerCpu> clientAfter = ServerCpu.of(ProcessHandle.current().pid());
                // The measured mails' deferred work (spool, index batches, listeners' batches) is theirs:
                // the window closes once it is done, the watch stopped so that its polling is not counted meanwhile.
                watch.close();
                Map<String, Long> othersAfter = awaitSteadyCounts(james);
                awaitIdle(james, "measured mails' work done", 0);
                // (b)'s once-a-minute tasks ran about 60 s after READY, next about 120 s: a window reaching that far holds one.
                System.out.printf(Locale.ROOT, "%-44s measured window from %.0f to %.0f s after READY%n", "", opened, secondsSinceReady(james));
                Map<String, Long> others = new TreeMap<>();
                othersAfter.forEach((account, count) -> others.put(account, count - othersBefore.getOrDefault(account, 0L)));
                result.otherDeliveries = others;
                result.deliveries = result.delivered + others.values().stream().mapToLong(Long::longValue).sum();
                result.serverCpu = before.flatMap(earlier -> ServerCpu.of(james.pid()).map(now -> now.minus(earlier)));
                result.clientCpu = clientBefore.flatMap(earlier -> clientAfter.map(now -> now.minus(earlier)));
                result.peakHeapMegabytes = james.peakHeapMegabytes();
                result.peakLiveHeapMegabytes = james.peakLiveHeapMegabytes();
                if (nextMinute) {
                    printNextMinute(james);
                }
                return result;
            }
        }
    }

    /**
     * --next-minute: the server's CPU from the window's end until its once-a-minute tasks have run a
     * second time (rest to {@value #SECOND_MINUTE_TASKS_DONE_SECONDS} s after READY, then idle), no mail
     * arriving, the watch closed. The same span for both servers: (b) minus (a) is about what one
     * steady run of those tasks costs, which the figures leave out (docs/benchmarks.md).
     */
    private static void printNextMinute(JamesProcess james) throws Exception {
        Optional<ServerCpu> from = ServerCpu.of(james.pid());
        double start = secondsSinceReady(james);
        restUntilAfterReady(james, SECOND_MINUTE_TASKS_DONE_SECONDS, "second minute's tasks' work done");
        Optional<ServerCpu> used = from.flatMap(earlier -> ServerCpu.of(james.pid()).map(now -> now.minus(earlier)));
        if (used.isPresent()) {
            System.out.printf(Locale.ROOT, "%-44s after the window, %.0f to %.0f s after READY, no mail: %.0f ms of CPU (JIT %.0f, GC %.0f)%n",
                "", start, secondsSinceReady(james), used.get().totalSeconds() * 1000, used.get().jitSeconds() * 1000,
                used.get().gcSeconds() * 1000);
            StringBuilder groups = new StringBuilder();
            used.get().secondsByGroup().entrySet().stream().limit(8).forEach(group ->
                groups.append(String.format(Locale.ROOT, "%s%s %.0f", groups.length() == 0 ? "" : ", ", group.getKey(), group.getValue() * 1000)));
            System.out.printf(Locale.ROOT, "%-44s by thread, ms: %s%n", "", groups);
        }
    }

    private static double secondsSinceReady(JamesProcess james) {
        return (System.nanoTime() - james.readyNanos) / 1e9;
    }

    /**
     * Rests until {@value #FIRST_MINUTE_TASKS_DONE_SECONDS} s after the server said READY, then until
     * their work is done (idle, as after the warm-up): the same rule for both servers, although only
     * (b) has such tasks, so that neither window holds a server's first minute. Their next run comes
     * about a minute later, usually after the window (the run prints the window's place); what such a
     * run costs in steady state is then in neither figure (docs/benchmarks.md).
     */
    private static void awaitFirstMinuteTasks(JamesProcess james) throws Exception {
        restUntilAfterReady(james, FIRST_MINUTE_TASKS_DONE_SECONDS, String.format(Locale.ROOT,
            "rested to %d s after READY (first minute's tasks run), their work done", FIRST_MINUTE_TASKS_DONE_SECONDS));
    }

    /** Sleeps until that long after the server said READY (not at all if it is later), then waits until it is idle. */
    private static void restUntilAfterReady(JamesProcess james, int seconds, String what) throws Exception {
        long rest = james.readyNanos + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
        if (rest > 0) {
            TimeUnit.NANOSECONDS.sleep(rest);
        }
        awaitIdle(james, what, 0);
    }

    /**
     * Waits until the server has finished the work its mails left it (mails still in the spool, the
     * trail's background indexing, batched listeners, a concurrent GC cycle): its CPU outside the JIT
     * compiler threads below {@value #IDLE_CORES} of a core over two half-seconds in a row (at most
     * {@value #MOST_IDLE_WAIT_SECONDS} s), and at least {@code atLeastSeconds} in all. After the
     * warm-up that floor gives both servers the same rest, so that neither JIT compiles longer off
     * the clock than the other's; after the measured phase there is none, and the wait is inside the
     * measured window, JIT included: a pipeline that defers more pays for it. The wait is printed,
     * and whether the idle level was reached.
     */
    private static void awaitIdle(JamesProcess james, String what, int atLeastSeconds) throws Exception {
        long started = System.nanoTime();
        boolean reached = awaitBelowIdleLevel(james, false);
        double idleAfter = (System.nanoTime() - started) / 1e9;
        long rest = started + TimeUnit.SECONDS.toNanos(atLeastSeconds) - System.nanoTime();
        if (rest > 0) {
            TimeUnit.NANOSECONDS.sleep(rest);
        }
        System.out.printf(Locale.ROOT, "%-44s %s after %.1f s%s%s%n", "", what, idleAfter,
            reached ? "" : " (idle level NOT reached)",
            atLeastSeconds > 0 ? String.format(Locale.ROOT, ", then rested to %d s", atLeastSeconds) : "");
    }

    /**
     * The messages in the demo's other accounts (acknowledgements, notifications) once their
     * number stops changing: read every half second until two readings agree (or ten seconds
     * passed), as they may land just after the mail they answer. Both servers wait alike.
     */
    private static Map<String, Long> awaitSteadyCounts(JamesProcess james) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Map<String, Long> previous = Map.of();
        while (true) {
            Map<String, Long> counts = new TreeMap<>();
            for (String account : OTHER_ACCOUNTS) {
                try (ImapAccount imap = ImapAccount.login(james.imap, account, PASSWORD)) {
                    counts.put(account, imap.messageCount());
                }
            }
            if (counts.equals(previous) || System.nanoTime() > deadline) {
                return counts;
            }
            previous = counts;
            Thread.sleep(500);
        }
    }

    /** Stock James has no provisioning: the recipient account is created over WebAdmin, as an administrator would. */
    private static void createRecipient(JamesProcess james) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + james.webAdmin + "/users/" + BenchmarkMails.RECIPIENT))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() / 100 != 2) {
            throw new IllegalStateException("Cannot create " + BenchmarkMails.RECIPIENT + ": " + created.statusCode() + " " + created.body());
        }
    }

    /** Sends {@code mails} and waits until {@code watch} saw each of them. */
    private Result measure(JamesProcess james, MailboxWatch watch, List<BenchmarkMails.Mail> mails, String name)
        throws Exception {
        Map<String, Long> firstSeen = watch.firstSeen();
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        Map<String, Long> accepted = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<Future<?>> sending = new ArrayList<>();
        for (int sender = 0; sender < senders; sender++) {
            int first = sender;
            sending.add(threads.submit(() -> {
                try (SmtpSender smtp = new SmtpSender(james.smtp)) {
                    for (int index = first; index < mails.size(); index += senders) {
                        BenchmarkMails.Mail mail = mails.get(index);
                        accepted.put(mail.messageId, smtp.send(BenchmarkMails.SENDER, BenchmarkMails.RECIPIENT, mail.bytes));
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : sending) {
            future.get();
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (!firstSeen.keySet().containsAll(accepted.keySet()) && System.nanoTime() < deadline) {
            watch.rethrowIfAPollerFailed();
            if (james.outOfMemory() || !james.alive()) {
                // A delivery thread died: the mail stays in the spool, never completed; waiting longer changes nothing.
                Thread.sleep(5_000);
                break;
            }
            // How often to check that all were seen: the pollers stamp each mail themselves, so this
            // only sets how long the run goes on after the last one.
            Thread.sleep(200);
        }
        threads.shutdownNow();
        List<String> missing = accepted.keySet().stream().filter(id -> !firstSeen.containsKey(id)).toList();
        if (!missing.isEmpty() && !watch.expunges()) {
            throw new IllegalStateException(name + ": " + missing.size() + " mail(s) accepted but never seen over IMAP, e.g. " + missing.get(0));
        }
        long end = accepted.keySet().stream().filter(firstSeen::containsKey).mapToLong(firstSeen::get).max().orElse(System.nanoTime());
        double[] latencies = accepted.entrySet().stream()
            .filter(entry -> firstSeen.containsKey(entry.getKey()))
            .mapToDouble(entry -> (firstSeen.get(entry.getKey()) - entry.getValue()) / 1e6)
            .sorted().toArray();
        Result result = new Result(name, mails.size(), (end - start) / 1e9, latencies);
        result.delivered = latencies.length;
        return result;
    }

    private static void print(Result result) {
        System.out.printf(Locale.ROOT, "%-44s %6d/%d mails in %7.1f s: %7.1f mails/s, latency p50 %7.0f ms, p99 %7.0f ms, max %7.0f ms%s%s%n",
            result.name, result.delivered, result.mails, result.seconds, result.throughput(), result.percentile(0.5), result.percentile(0.99),
            result.percentile(1.0), result.peakHeapMegabytes >= 0
                ? ", peak heap " + result.peakHeapMegabytes + " MB (after GC " + result.peakLiveHeapMegabytes + " MB)" : "",
            result.outOfMemory ? ", OutOfMemoryError" : "");
        result.serverCpu.ifPresent(cpu -> System.out.printf(Locale.ROOT,
            "%-44s %d delivered messages; server CPU %.2f ms per delivered message (JIT %.2f, GC %.2f), %.2f ms per mail; load generator %.2f ms per mail%n",
            "", result.deliveries, ResultsTable.cpuMillisPerDelivery(result), 1000 * cpu.jitSeconds() / result.deliveries,
            1000 * cpu.gcSeconds() / result.deliveries, ResultsTable.cpuMillisPerMail(result),
            result.clientCpu.map(client -> 1000 * client.totalSeconds() / result.delivered).orElse(Double.NaN)));
        result.serverCpu.ifPresent(cpu -> System.out.printf(Locale.ROOT, "%-44s server CPU by thread, ms per mail: %s%n", "",
            cpu.secondsByGroup().entrySet().stream().filter(entry -> entry.getValue() * 1000 / result.delivered >= 0.05).limit(14)
                .map(entry -> String.format(Locale.ROOT, "%s %.2f", entry.getKey(), 1000 * entry.getValue() / result.delivered))
                .collect(Collectors.joining(", "))));
        if (result.deliveries > result.delivered) {
            System.out.printf(Locale.ROOT, "%-44s besides the mails: %s%n", "", result.otherDeliveries.entrySet().stream()
                .filter(entry -> entry.getValue() != 0).map(entry -> entry.getKey() + " " + entry.getValue()).collect(Collectors.joining(", ")));
        }
    }
}
