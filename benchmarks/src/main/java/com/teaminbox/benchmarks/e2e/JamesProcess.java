package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A James 3.8.1 memory server in its own JVM, started by the demo launcher exactly as
 * {@code DeployedBundleIntegrationTest} does, on free ports; its GC log gives the peak heap, its
 * output goes to {@code server.log} in its home.
 */
final class JamesProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("READY smtp=(\\d+) submission=(\\d+) imap=(\\d+) webadmin=(\\d+)");
    /** A G1 pause line: "Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 5.1ms". */
    private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** A line of the server's output, read as it grows: the client must not spend more reading logs than the server writing them. */
    private static final long LOG_CHECK_MILLIS = 500;

    private final Process process;
    private final Path gcLog;
    private final Path serverLog;
    private long logReadUpTo;
    private String partialLine = "";
    private boolean outOfMemory;
    private long lastLogCheck;
    final int smtp;
    final int imap;
    final int webAdmin;
    /** When the server said READY ({@link System#nanoTime()}): its once-a-minute tasks were scheduled before. */
    final long readyNanos;

    private JamesProcess(Process process, Path gcLog, Path serverLog) throws Exception {
        this.process = process;
        this.gcLog = gcLog;
        this.serverLog = serverLog;
        Matcher ready;
        try {
            ready = awaitReady();
        } catch (RuntimeException | InterruptedException | IOException e) {
            process.destroyForcibly();
            throw e;
        }
        this.readyNanos = System.nanoTime();
        this.smtp = Integer.parseInt(ready.group(1));
        this.imap = Integer.parseInt(ready.group(3));
        this.webAdmin = Integer.parseInt(ready.group(4));
    }

    /**
     * @param launcherArguments the demo launcher's options after {@code --home}, e.g. {@code --extensions DIR}
     */
    static JamesProcess start(Path appTarget, Path home, String maxHeap, List<String> launcherArguments) throws Exception {
        return start(appTarget, home, maxHeap, List.of(), launcherArguments);
    }

    /**
     * @param jvmOptions more options for the server's JVM, the same for both servers of a comparison (e.g. {@code --jit-record}'s
     *                   recording)
     */
    static JamesProcess start(Path appTarget, Path home, String maxHeap, List<String> jvmOptions, List<String> launcherArguments)
        throws Exception {
        String classPath = appTarget.resolve("classes") + java.io.File.pathSeparator
            + Files.readString(appTarget.resolve("classpath.txt")).strip();
        Path gcLog = home.resolve("gc.log");
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog, "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + home));
        // e.g. -Dteaminbox.e2e.serverJvmOptions=-XX:StartFlightRecording=filename={home}/server.jfr,settings=profile
        // to profile each server; {home} is the server's own directory, so that (a) and (b) keep apart files.
        String extraOptions = System.getProperty("teaminbox.e2e.serverJvmOptions", "").strip().replace("{home}", home.toString());
        if (!extraOptions.isEmpty()) {
            command.addAll(List.of(extraOptions.split("\\s+")));
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "com.teaminbox.demo.DemoServer", "--home", home.resolve("james").toString(), "--random-ports"));
        command.addAll(launcherArguments);
        // Straight to a file, by the operating system: no thread of ours copies each line.
        Path serverLog = home.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        return new JamesProcess(process, gcLog, serverLog);
    }

    private Matcher awaitReady() throws InterruptedException, IOException {
        // Ten minutes: on a 2-core machine shared with other builds a start has taken over three.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline) {
            for (String line : newLines()) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    return ready;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("James did not start; its output is in " + serverLog + ":\n" + tail());
    }

    /** The complete lines written since the last call. */
    private List<String> newLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (java.nio.channels.FileChannel log = java.nio.channels.FileChannel.open(serverLog)) {
            long size = log.size();
            if (size <= logReadUpTo) {
                return lines;
            }
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate((int) Math.min(size - logReadUpTo, 16 * 1024 * 1024));
            log.read(bytes, logReadUpTo);
            logReadUpTo += bytes.position();
            String text = partialLine + new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            partialLine = text.substring(end + 1);
            if (end >= 0) {
                lines.addAll(List.of(text.substring(0, end).split("\n", -1)));
            }
        }
        return lines;
    }

    private String tail() {
        try {
            List<String> all = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - 200), all.size()));
        } catch (IOException e) {
            return "(cannot read " + serverLog + ": " + e.getMessage() + ")";
        }
    }

    /** Whether the server printed an OutOfMemoryError; reads only what it wrote since, at most every half second. */
    synchronized boolean outOfMemory() {
        long now = System.nanoTime();
        if (outOfMemory || now - lastLogCheck < TimeUnit.MILLISECONDS.toNanos(LOG_CHECK_MILLIS)) {
            return outOfMemory;
        }
        lastLogCheck = now;
        try {
            outOfMemory = newLines().stream().anyMatch(line -> line.contains("OutOfMemoryError"));
        } catch (IOException e) {
            // The log is only read for this check: an unreadable log leaves the answer as it was.
        }
        return outOfMemory;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The most heap in use that a GC pause saw (MiB), from the server's GC log: G1 lets it fill before collecting. */
    long peakHeapMegabytes() throws IOException {
        return maxOfPauses(1);
    }

    /** The most heap still in use right after a GC pause (MiB): what the server really held at its worst. */
    long peakLiveHeapMegabytes() throws IOException {
        return maxOfPauses(2);
    }

    private long maxOfPauses(int group) throws IOException {
        if (!Files.exists(gcLog)) {
            return -1;
        }
        try (Stream<String> log = Files.lines(gcLog)) {
            return log.map(PAUSE::matcher).filter(Matcher::find).mapToLong(pause -> Long.parseLong(pause.group(group))).max().orElse(-1);
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, as Ctrl-C: James stops through its shutdown hook. */
    @Override
    public void close() throws InterruptedException {
        process.toHandle().destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
