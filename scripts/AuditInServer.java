import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What an audit record costs inside an e2e server, in microseconds of CPU per record (issue 18,
 * docs/benchmarks.md, "Twelfth round: the audit record inside the server").
 *
 * <pre>
 * java scripts/AuditInServer.java [--stacks] SERVER_HOME [PROFILE.jfr] [INTERVAL_MS]
 * </pre>
 *
 * SERVER_HOME is an e2e server's home ({@code <homes>/b1}); PROFILE defaults to its {@code ap.jfr},
 * recorded by async-profiler with {@code event=itimer,interval=2ms,jfr} (docs/benchmarks.md gives the
 * command); INTERVAL_MS is the sampling interval (2). The measured window is the spooler's last run
 * of work (samples between pauses of 5 s or more, at least 50 of them: a few samples of late work
 * after the measured mails do not make a window), from 0.5 s before it to 2 s after its last sample
 * or to the server's first shutdown sample, whichever comes first. Records are those of the trail's files ({@code james/var/audit/*.jsonl}) whose {@code time}
 * falls in that window. A sample counts for the trail when it is on a {@code teaminbox-audit-*}
 * thread, or when any frame of its stack is the trail's (a class of an {@code audit} package of
 * ours, {@code ServerAuditTrail}, {@code MailEvents}); each of those callers' samples is put under
 * the first part (in the order printed) one of its frames belongs to. {@code --stacks} also prints
 * each of the trail's samples: its thread, its part and its frames, innermost first.
 */
public class AuditInServer {
    private static final Pattern AUDIT_FRAME = Pattern.compile("com\\.teaminbox\\..*audit\\.|ServerAuditTrail|AuditTrail|MailEvents");
    /** The fewest spooler samples a run of work must have to be the measured window (2,000 mails: several hundred). */
    private static final int MIN_RUN = 50;
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([^\"]+)\"");
    /** What a caller's sample under the trail was doing: the first part whose pattern matches a frame, innermost first. */
    private static final Map<String, Pattern> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put("write(2)", Pattern.compile("FileOutputStream\\.write|FileOutputStream\\.writeBytes|streamFor"));
        PARTS.put("SHA-256", Pattern.compile("MessageDigest|SHA2|DigestBase|sun\\.security\\.provider"));
        PARTS.put("line (canonical JSON)", Pattern.compile("CanonicalJsonWriter|AuditRecord\\.contentWriter|AuditRecord\\.chainLine|AuditRecord\\.<init>"));
        PARTS.put("index hand-over", Pattern.compile("FileAuditStorage\\.toIndex"));
        PARTS.put("write lock, parking", Pattern.compile("ReentrantLock|AbstractQueuedSynchronizer|LockSupport|Unsafe\\.park|Unsafe\\.unpark"));
        PARTS.put("metrics and write timer", Pattern.compile("AuditMetrics|metrics|Meter|codahale"));
        PARTS.put("listeners", Pattern.compile("tellListeners|AuditListener|Listener\\.recorded|\\.sla\\.|webhook"));
        PARTS.put("alerts", Pattern.compile("AlertWindows|windowsInForce"));
        PARTS.put("debug log call", Pattern.compile("slf4j|logback"));
        PARTS.put("building the event", Pattern.compile("MailEvents|AuditEvent\\$Builder|AuditEvent\\.<init>|AuditEvent\\.bounded|AuditActor"));
        PARTS.put("appendOne's own work", Pattern.compile("AuditChainWriter\\.appendOne|AuditChainWriter\\.appendAll|AuditGroupCommit"));
    }

    public static void main(String[] args) throws IOException {
        boolean stacks = args.length > 0 && args[0].equals("--stacks");
        if (stacks) {
            args = java.util.Arrays.copyOfRange(args, 1, args.length);
        }
        if (args.length < 1) {
            System.err.println("usage: java scripts/AuditInServer.java [--stacks] SERVER_HOME [PROFILE.jfr] [INTERVAL_MS]");
            System.exit(2);
        }
        Path home = Path.of(args[0]);
        Path profile = args.length > 1 ? Path.of(args[1]) : home.resolve("ap.jfr");
        double intervalMs = args.length > 2 ? Double.parseDouble(args[2]) : 2.0;

        List<Sample> samples = new ArrayList<>();
        try (RecordingFile recording = new RecordingFile(profile)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    samples.add(Sample.of(event));
                }
            }
        }
        List<Instant> spooler = samples.stream().filter(sample -> sample.thread.contains("spooler")).map(Sample::time).sorted().toList();
        if (spooler.isEmpty()) {
            throw new IllegalStateException("No spooler sample in " + profile);
        }
        // The spooler's runs of work between pauses of 5 s or more: the measured mails are the last
        // run of at least MIN_RUN samples (a lone sample of late work after it is not the window).
        int runStart = 0;
        int windowStart = 0;
        int windowEnd = spooler.size() - 1;
        for (int index = 1; index <= spooler.size(); index++) {
            if (index == spooler.size() || Duration.between(spooler.get(index - 1), spooler.get(index)).toMillis() >= 5000) {
                if (index - runStart >= MIN_RUN) {
                    windowStart = runStart;
                    windowEnd = index - 1;
                }
                runStart = index;
            }
        }
        Instant from = spooler.get(windowStart).minusMillis(500);
        Instant lastWork = spooler.get(windowEnd).plusSeconds(2);
        // The benchmark stops a server about a second after its measured mails' work is done: the
        // shutdown's own work (closing the trail and committing its index) is not the load's.
        Instant to = samples.stream().filter(sample -> sample.thread.contains("shutdown")).map(Sample::time)
            .filter(time -> time.isAfter(from) && time.isBefore(lastWork)).min(Instant::compareTo).orElse(lastWork);

        Map<String, Integer> recordsByType = new TreeMap<>();
        int records = 0;
        Path trail = home.resolve("james/var/audit");
        try (Stream<Path> files = Files.list(trail)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher time = TIME.matcher(line);
                    if (!time.find()) {
                        continue;
                    }
                    Instant at = Instant.parse(time.group(1));
                    if (at.isBefore(from) || at.isAfter(to)) {
                        continue;
                    }
                    Matcher type = TYPE.matcher(line);
                    recordsByType.merge(type.find() ? type.group(1) : "?", 1, Integer::sum);
                    records++;
                }
            }
        }
        if (records == 0) {
            throw new IllegalStateException("No record of " + trail + " in the window " + from + " to " + to);
        }

        Map<String, Integer> byThread = new TreeMap<>();
        Map<String, Integer> byPart = new LinkedHashMap<>();
        PARTS.keySet().forEach(part -> byPart.put(part, 0));
        byPart.put("other", 0);
        Map<String, Integer> otherTops = new TreeMap<>();
        List<String> stackLines = new ArrayList<>();
        int inWindow = 0;
        int audit = 0;
        for (Sample sample : samples) {
            if (sample.time.isBefore(from) || sample.time.isAfter(to)) {
                continue;
            }
            inWindow++;
            String group = sample.thread.replaceAll("\\d+", "N");
            if (sample.thread.startsWith("teaminbox-audit")) {
                byThread.merge("audit thread: " + group, 1, Integer::sum);
                audit++;
                stackLines.add(group + " | - | " + String.join(" < ", sample.frames));
                continue;
            }
            if (sample.frames.stream().noneMatch(frame -> AUDIT_FRAME.matcher(frame).find())) {
                continue;
            }
            audit++;
            byThread.merge("caller: " + group, 1, Integer::sum);
            String part = partOf(sample.frames);
            byPart.merge(part, 1, Integer::sum);
            stackLines.add(group + " | " + part + " | " + String.join(" < ", sample.frames));
            if (part.equals("other")) {
                otherTops.merge(sample.frames.isEmpty() ? "?" : sample.frames.get(0), 1, Integer::sum);
            }
        }

        double perSample = intervalMs * 1000 / records;
        System.out.printf("%s: window %s to %s; %d samples in it; %d records in it (%s)%n", profile, from, to, inWindow, records,
            recordsByType);
        System.out.printf("the trail: %d samples = %.1f us of CPU per record (callers %.1f, audit threads %.1f)%n", audit, audit * perSample,
            sum(byThread, "caller: ") * perSample, sum(byThread, "audit thread: ") * perSample);
        System.out.println("by thread (samples, us per record):");
        sortedByCount(byThread).forEach(entry -> System.out.printf("%6d %6.1f  %s%n", entry.getValue(), entry.getValue() * perSample, entry.getKey()));
        System.out.println("callers' samples by part (samples, us per record):");
        byPart.forEach((part, count) -> System.out.printf("%6d %6.1f  %s%n", count, count * perSample, part));
        if (stacks) {
            System.out.println("the trail's samples (thread | part | frames, innermost first):");
            stackLines.forEach(System.out::println);
        }
        if (!otherTops.isEmpty()) {
            System.out.println("other, innermost frame:");
            sortedByCount(otherTops).stream().limit(15).forEach(entry -> System.out.printf("%6d  %s%n", entry.getValue(), entry.getKey()));
        }
    }

    private static String partOf(List<String> frames) {
        for (Map.Entry<String, Pattern> part : PARTS.entrySet()) {
            for (String frame : frames) {
                if (part.getValue().matcher(frame).find()) {
                    return part.getKey();
                }
            }
        }
        return "other";
    }

    private static int sum(Map<String, Integer> counts, String prefix) {
        return counts.entrySet().stream().filter(entry -> entry.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

    private static List<Map.Entry<String, Integer>> sortedByCount(Map<String, Integer> counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Collections.reverseOrder(Map.Entry.comparingByValue()));
        return entries;
    }

    /** One CPU sample: when, on which thread, its frames innermost first as {@code package.Class.method}. */
    private record Sample(Instant time, String thread, List<String> frames) {
        static Sample of(RecordedEvent event) {
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null ? "?" : thread.getJavaName() != null ? thread.getJavaName() : String.valueOf(thread.getOSName());
            List<String> frames = new ArrayList<>();
            if (event.getStackTrace() != null) {
                for (RecordedFrame frame : event.getStackTrace().getFrames()) {
                    if (frame.getMethod() != null && frame.getMethod().getType() != null) {
                        frames.add(frame.getMethod().getType().getName().replace('/', '.') + "." + frame.getMethod().getName());
                    }
                }
            }
            return new Sample(event.getStartTime(), name, frames);
        }
    }
}
