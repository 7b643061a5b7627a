package com.teaminbox.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.apache.lucene.store.FSDirectory;

import com.codahale.metrics.MetricRegistry;
import com.teaminbox.core.audit.AuditChainWriter;
import com.teaminbox.core.audit.AuditEvent;
import com.teaminbox.core.audit.AuditIndex;
import com.teaminbox.core.audit.AuditListener;
import com.teaminbox.core.audit.AuditQuery;
import com.teaminbox.core.audit.AuditRecord;
import com.teaminbox.core.audit.FlushPolicy;
import com.teaminbox.core.audit.LocatedRecord;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.james.audit.AlertMails;
import com.teaminbox.james.audit.AuditEventMix;
import com.teaminbox.james.audit.FileAuditStorage;
import com.teaminbox.james.audit.ServerAuditTrail;

/**
 * CPU per audit record inside a server-like setting under load: caller threads record events (the
 * {@link AuditEventMix} of a shared mailbox's day, the one the storage's concurrency test proves whole)
 * through the server's own objects ({@link ServerAuditTrail} over {@link FileAuditStorage}: under
 * the default {@code on-failure="defer"} each caller writes its record itself while the writer
 * thread sleeps, else the writer thread writes the callers' records in groups; the chained files,
 * the index thread and its commits, James's DropWizard metrics, a listener), paced at a steady
 * total rate as mail and IMAP threads are.
 *
 * <p>The figure is the process's CPU during a phase with audit minus the process's CPU during an
 * equally long phase in the same run where the same threads keep the same pace without recording
 * (their sleeps and wake-ups are not the trail's cost), divided by the records written; the median
 * of interleaved pairs. What the trail's own threads spend during a phase without audit (the index's
 * commit every minute) is not subtracted, and each phase with audit ends once Lucene's merges of its
 * segments are done, so that a merge is charged to the phase whose records caused it. It counts every thread: callers, writer, index, GC and JIT. The parts are
 * each thread's own CPU, and single-threaded loops of each step in the same run.
 *
 * <p>As the server runs it ({@code AUDIT_JVM_OPTIONS=-XX:TieredStopAtLevel=3 ./benchmark audit --mix server}):
 * the e2e pipeline's records ({@link ServerRecords}: mail received, ticket created or threaded,
 * rule matched, acknowledgement suppressed, message read; three to five details, a subject in
 * another script now and then) with the JIT held at C1's profiling tier, where the server's busy
 * C2 compiler leaves code that runs a few hundred times a second (docs/benchmarks.md). With
 * {@code --evict MB} each caller also walks that much memory before each beat, in both phases, as a
 * whole mail between two records of one thread would; a few MB at a few hundred records a second
 * already make the walk's own variance larger than the record.
 * <pre>
 * ./benchmark audit [--threads 16] [--rate 2000] [--seconds 8] [--pairs 5] [--warmup 20]    (--rate 0: flat out)
 *                   [--mix day|server] [--evict MB]
 * </pre>
 */
public final class AuditBenchmark {
    private static final String CALLER = "audit-caller-";

    private final int threads;
    private final int rate;
    private final double seconds;
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final double warmupSeconds;
    private final boolean serverMix;
    /** Walked by a caller before each beat (in both phases) when {@code --evict} is given; shared, read only. */
    private final long[] evicted;

    private AuditBenchmark(int threads, int rate, double seconds, double warmupSeconds, boolean serverMix, int evictMegabytes) {
        this.warmupSeconds = warmupSeconds;
        this.serverMix = serverMix;
        this.evicted = new long[evictMegabytes * 1024 * 1024 / Long.BYTES];
        this.threads = threads;
        this.rate = rate;
        this.seconds = seconds;
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("audit-benchmark");
        Path logback = home.resolve("logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"OUT\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%msg%n</pattern></encoder></appender><root level=\"WARN\"><appender-ref ref=\"OUT\"/></root>"
            + "</configuration>");
        System.setProperty("logback.configurationFile", logback.toString());
        Map<String, String> options = options(args);
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "2000"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "8"));
        int pairs = Integer.parseInt(options.getOrDefault("pairs", "5"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "20"));
        String mix = options.getOrDefault("mix", "day");
        if (!mix.equals("day") && !mix.equals("server")) {
            throw new IllegalArgumentException("--mix is day or server: " + mix);
        }
        int evict = Integer.parseInt(options.getOrDefault("evict", "0"));
        try {
            new AuditBenchmark(threads, rate, seconds, warmup, mix.equals("server"), evict).run(home, pairs);
        } finally {
            try (Stream<Path> walk = Files.walk(home)) {
                walk.sorted((first, second) -> second.compareTo(first)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int index = 0; index + 1 < args.length; index += 2) {
            if (!args[index].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value, got " + args[index]);
            }
            options.put(args[index].substring(2), args[index + 1]);
        }
        return options;
    }

    private void run(Path home, int pairs) throws Exception {
        System.out.printf(Locale.ROOT, "Audit record cost: %d caller threads, %s, %.0f s per phase, %d pairs, %d cores, Java %s%n",
            threads, rate == 0 ? "flat out" : rate + " records/s in all", seconds, pairs,
            Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf(Locale.ROOT, "records: %s; caches: %s; JVM options: %s%n",
            serverMix ? "the e2e pipeline's (--mix server)" : "a shared mailbox's day (--mix day)",
            evicted.length == 0 ? "warm" : (evicted.length * Long.BYTES >> 20) + " MB walked by a caller before each beat",
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(option -> option.startsWith("-XX:"))
                .reduce((first, second) -> first + " " + second).orElse("none"));
        DropWizardMetricFactory metrics = new DropWizardMetricFactory(new MetricRegistry());
        ConfigurationInForce defaults = new ConfigurationInForce() {
            @Override
            public SharedMailboxesConfiguration current() {
                throw new IllegalStateException("the benchmark runs with the default audit settings");
            }

            @Override
            public Optional<SharedMailboxesConfiguration> inForce() {
                return Optional.empty();
            }
        };
        FileAuditStorage storage = new FileAuditStorage(new BaseDirectory(home), defaults, Clock.systemUTC(), metrics);
        LongAdder heard = new LongAdder();
        AuditListener listener = (event, at) -> heard.increment();
        ServerAuditTrail trail = new ServerAuditTrail(storage, defaults, metrics, new AlertMails(null), Clock.systemUTC(),
            Set.of(listener));

        System.out.println("warming up (flat out, then one pair at the rate; not counted)...");
        // At a few thousand records a second the JIT would still be compiling during the pairs.
        Phase warm = phase(trail, storage, true, 0, warmupSeconds);
        // On a loaded machine the compilers get a share of the CPU only: go on (up to a minute) at
        // the rate until two seconds cost them under 2 % of that time, else they compile during the
        // pairs. At the rate, not flat out: more records would leave Lucene merging during the pairs.
        double extra = 0;
        for (Phase more = warm; more.jitMillis > 2 * 1000 * 0.02 && extra < 60; extra += 2) {
            more = phase(trail, storage, true, rate, 2);
        }
        if (extra > 0) {
            System.out.printf(Locale.ROOT, "(the compilers were still busy: %.0f s more at the rate)%n", extra);
        }
        phase(trail, storage, false, rate, seconds);
        phase(trail, storage, true, rate, seconds);
        System.out.printf(Locale.ROOT, "(warm-up flat out: %d records, %.1f us of process CPU each)%n", warm.records,
            warm.processNanos / 1000.0 / warm.records);
        List<Double> figures = new ArrayList<>();
        List<Double> steady = new ArrayList<>();
        List<Double> callerFigures = new ArrayList<>();
        List<Double> writerFigures = new ArrayList<>();
        List<Double> indexFigures = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%5s %9s %12s %12s %10s | %8s %8s %8s %8s | %7s %7s%n", "pair", "records", "CPU audit",
            "CPU pace", "us/record", "callers", "writer", "index", "other", "GC ms", "JIT ms");
        System.out.println("(GC ms, JIT ms: CPU of the collector and compiler threads during the phase with audit)");
        for (int pair = 1; pair <= pairs; pair++) {
            // Flat out, the callers have no pace to keep: nothing to subtract.
            Phase without = rate == 0 ? new Phase(0, 0, Map.of(), 0, 0) : phase(trail, storage, false, rate, seconds);
            Phase with = phase(trail, storage, true, rate, seconds);
            // The trail's own threads (writer, index, its minute's commit) may work during the phase
            // without audit too (the index's commit every minute): that is the trail's cost, not the
            // pace's, so it is not subtracted. Merges awaited at the end of each phase with audit.
            long trailInPace = without.threadNanos.getOrDefault("writer", 0L) + without.threadNanos.getOrDefault("index", 0L);
            double perRecord = (with.processNanos - (without.processNanos - trailInPace)) / 1000.0 / with.records;
            figures.add(perRecord);
            // GC and JIT: the CPU of their threads (/proc), else the JVM's elapsed times, which a loaded machine inflates.
            steady.add(perRecord - (with.gcMillis + with.jitMillis - without.gcMillis - without.jitMillis) * 1000.0 / with.records);
            double callers = (with.threadNanos.getOrDefault("callers", 0L) - without.threadNanos.getOrDefault("callers", 0L))
                / 1000.0 / with.records;
            double writer = with.threadNanos.getOrDefault("writer", 0L) / 1000.0 / with.records;
            double index = with.threadNanos.getOrDefault("index", 0L) / 1000.0 / with.records;
            callerFigures.add(callers);
            writerFigures.add(writer);
            indexFigures.add(index);
            System.out.printf(Locale.ROOT, "%5d %9d %10.0f ms %10.0f ms %10.1f | %8.1f %8.1f %8.1f %8.1f | %7d %7d%n", pair,
                with.records, with.processNanos / 1e6, without.processNanos / 1e6, perRecord, callers, writer, index,
                perRecord - callers - writer - index, with.gcMillis, with.jitMillis);
        }
        storage.stop();
        System.out.printf(Locale.ROOT, "CPU per audit record, median of %d pairs: %.1f us; without GC and JIT: %.1f us "
            + "(listener heard %d records)%n", pairs, median(figures), median(steady), heard.sum());
        System.out.printf(Locale.ROOT, "On the callers' threads: %.1f us per record (median of %d pairs, %d caller threads); "
            + "writer thread %.1f us; index thread %.1f us; whole process %.1f us%n", median(callerFigures), pairs, threads,
            median(writerFigures), median(indexFigures), median(figures));
        System.out.println("(callers: building the event, metrics, listeners, and writing their record (JSON, SHA-256, the write) "
            + "while the writer thread sleeps, else handing over and waiting; writer: the groups callers left to it; index: Lucene; "
            + "other: GC, JIT and the rest of the process; all in us of CPU per record)");
        parts(home.resolve("parts"));
    }

    private static double median(List<Double> figures) {
        return figures.stream().mapToDouble(Double::doubleValue).sorted().toArray()[figures.size() / 2];
    }

    private record Phase(long records, long processNanos, Map<String, Long> threadNanos, long gcMillis, long jitMillis) {
    }

    private static long gcMillis() {
        return vmThreadsCpuMillis(false).orElseGet(() ->
            ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(bean -> Math.max(0, bean.getCollectionTime())).sum());
    }

    private static long jitMillis() {
        return vmThreadsCpuMillis(true).orElseGet(() -> ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
    }

    /**
     * The CPU so far of the JVM's compiler threads ({@code jit}) or of its collector threads, from
     * {@code /proc/self/task} (Linux; 10 ms ticks): the JVM's own figures for them are elapsed times,
     * which a loaded machine inflates several times. Empty where {@code /proc} cannot be read.
     */
    private static Optional<Long> vmThreadsCpuMillis(boolean jit) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return Optional.empty();
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                boolean compiler = name.contains("CompilerThre");
                boolean collector = name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread");
                if (jit ? compiler : collector) {
                    String[] fields = stat.substring(close + 2).split(" ");
                    // After the name: state is field 3 of stat(5), utime 14 and stime 15.
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.of(ticks * 10);
    }

    /** One phase: every caller keeps the pace; with audit, each records one event per beat. */
    private Phase phase(ServerAuditTrail trail, FileAuditStorage storage, boolean audit, int rate, double seconds) throws Exception {
        LongAdder records = new LongAdder();
        LongAdder callerNanos = new LongAdder();
        long durationNanos = (long) (seconds * 1e9);
        Map<String, Long> before = serverThreadNanos();
        long gcBefore = gcMillis();
        long jitBefore = jitMillis();
        long processBefore = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Thread> callers = new ArrayList<>();
        for (int number = 0; number < threads; number++) {
            int caller = number;
            Thread thread = new Thread(() -> {
                long cpuStart = threadBean.getCurrentThreadCpuTime();
                long beat = rate == 0 ? 0 : 1_000_000_000L * threads / rate;
                long next = start + beat * caller / threads;
                long sequence = caller;
                long walked = 0;
                while (System.nanoTime() - start < durationNanos) {
                    if (beat > 0) {
                        next += beat;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    // One load per cache line: the rest of a mail's work, as far as the caches can tell.
                    for (int index = 0; index < evicted.length; index += 8) {
                        walked += evicted[index];
                    }
                    if (audit) {
                        trail.record(serverMix ? ServerRecords.event(sequence) : AuditEventMix.event(sequence));
                        records.increment();
                    }
                    sequence += threads;
                }
                callerNanos.add(threadBean.getCurrentThreadCpuTime() - cpuStart + (walked == 42 ? 1 : 0));
            }, CALLER + number);
            callers.add(thread);
            thread.start();
        }
        for (Thread thread : callers) {
            thread.join();
        }
        if (audit) {
            // Until the index thread has every record of the phase: its work is part of theirs.
            storage.search(AuditQuery.builder().pageSize(1).build());
            // And until Lucene has merged the segments they made: otherwise a merge ran on into the
            // next phase, where a phase without audit counted it against the trail's cost (a
            // negative pair) or the next phase with audit counted it for other records.
            awaitIndexMerges();
        }
        long processNanos = os.getProcessCpuTime() - processBefore;
        Map<String, Long> after = serverThreadNanos();
        Map<String, Long> spent = new TreeMap<>();
        after.forEach((name, nanos) -> spent.put(name, nanos - before.getOrDefault(name, 0L)));
        spent.put("callers", callerNanos.sum());
        return new Phase(records.sum(), processNanos, spent, gcMillis() - gcBefore, jitMillis() - jitBefore);
    }

    /** Waits (up to a minute) until no Lucene merge thread runs: each exits once its merges are done. */
    private void awaitIndexMerges() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && indexMergeRunning()) {
            Thread.sleep(20);
        }
    }

    private boolean indexMergeRunning() {
        for (long id : threadBean.getAllThreadIds()) {
            ThreadInfo info = threadBean.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("Lucene Merge Thread")) {
                return true;
            }
        }
        return false;
    }

    /** The CPU so far of the trail's own threads, by role. */
    private Map<String, Long> serverThreadNanos() {
        Map<String, Long> nanos = new TreeMap<>();
        for (long id : threadBean.getAllThreadIds()) {
            Optional.ofNullable(threadBean.getThreadInfo(id)).ifPresent(info -> {
                String role = info.getThreadName().equals("teaminbox-audit-writer") ? "writer"
                    : info.getThreadName().startsWith("teaminbox-audit-index") ? "index" : "";
                long cpu = threadBean.getThreadCpuTime(id);
                if (!role.isEmpty() && cpu > 0) {
                    nanos.merge(role, cpu, Long::sum);
                }
            });
        }
        return nanos;
    }

    /**
     * Each step alone, single-threaded, in the same JVM: what a writing caller and the index thread
     * do per record. Five rounds; the least disturbed (lowest) figure of each step is printed.
     */
    private void parts(Path directory) throws IOException {
        int count = 20_000;
        int batch = 2_000;
        AuditEvent[] events = new AuditEvent[count];
        AuditRecord[] records = new AuditRecord[count];
        LocatedRecord[] written = new LocatedRecord[count];
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DropWizardMetricFactory metricFactory = new DropWizardMetricFactory(new MetricRegistry());
        double[] best = new double[6];
        Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < 5; round++) {
            Instant now = Instant.now();
            double[] figures = new double[6];
            figures[0] = perItem(count, index -> events[index] = AuditEventMix.event(index));
            figures[1] = perItem(count, index -> records[index] = AuditRecord.chain(events[index], "bench", index + 1, now,
                AuditRecord.GENESIS));
            byte[][] lines = Arrays.stream(records).map(record -> record.toJson().getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            figures[2] = perItem(count, index -> digest.digest(lines[index]));
            try (AuditChainWriter writer = new AuditChainWriter(directory.resolve("files-" + round), "bench", Clock.systemUTC(),
                AuditChainWriter.DEFAULT_MAX_FILE_BYTES, FlushPolicy.FLUSH)) {
                figures[3] = perItem(count, index -> written[index] = writer.appendAll(List.of(events[index])).located().get(0));
            }
            try (AuditIndex index = new AuditIndex(FSDirectory.open(directory.resolve("index-" + round)), directory)) {
                // As the index thread does: batches of what was written during a second, then a commit.
                figures[4] = perItem(count / batch, position -> {
                    try {
                        index.addNew(Arrays.asList(written).subList(position * batch, (position + 1) * batch));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }) / batch;
                long start = threadBean.getCurrentThreadCpuTime();
                index.commit(Map.of());
                figures[4] += (threadBean.getCurrentThreadCpuTime() - start) / 1000.0 / count;
            }
            figures[5] = perItem(count, position -> {
                String name = "teaminbox." + events[position].type().wireName();
                metricFactory.generate(name).increment();
                metricFactory.generate(name + ".support@example.test").increment();
                // as AuditMetrics: the write timer for one record in 16
                if (position % 16 == 0) {
                    metricFactory.runPublishingTimerMetric("teaminbox.audit.write", () -> { });
                }
            });
            for (int part = 0; part < best.length; part++) {
                best[part] = Math.min(best[part], figures[part]);
            }
        }
        System.out.printf(Locale.ROOT, "Parts, one thread, us of CPU per record (lowest of 5 rounds of %d records): build the event "
            + "%.1f, record JSON and SHA-256 %.1f (of which SHA-256 %.1f), all the writer does for a group of one (record, write) %.1f, index (batches of %d) %.1f, "
            + "metrics %.1f%n", count, best[0], best[1], best[2], best[3], batch, best[4], best[5]);
    }

    private interface Step {
        void run(int index);
    }

    private double perItem(int count, Step step) {
        long start = threadBean.getCurrentThreadCpuTime();
        for (int index = 0; index < count; index++) {
            step.run(index);
        }
        return (threadBean.getCurrentThreadCpuTime() - start) / 1000.0 / count;
    }

    /** James's working directory, as FileAuditStorage resolves {@code var/audit} against it. */
    private record BaseDirectory(Path home) implements FileSystem {
        @Override
        public InputStream getResource(String url) throws IOException {
            throw new IOException("not used: " + url);
        }

        @Override
        public File getFile(String fileURL) {
            return home.resolve(fileURL).toFile();
        }

        @Override
        public File getBasedir() {
            return home.toFile();
        }
    }
}
