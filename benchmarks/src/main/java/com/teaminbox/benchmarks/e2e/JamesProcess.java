package com.teaminbox.benchmarks.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A James 3.8.1 memory server in its own JVM, started by the demo launcher exactly as
 * {@code DeployedBundleIntegrationTest} does, on free ports; its GC log gives the peak heap.
 */
final class JamesProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("READY smtp=(\\d+) submission=(\\d+) imap=(\\d+) webadmin=(\\d+)");
    /** A G1 pause line: "Pause Young (Normal) (G1 Evacuation Pause) 120M->30M(512M) 5.1ms". */
    private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path gcLog;
    private final List<String> output = new ArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final int smtp;
    final int imap;
    final int webAdmin;

    private JamesProcess(Process process, Path gcLog) throws Exception {
        this.process = process;
        this.gcLog = gcLog;
        Thread reader = new Thread(this::readOutput, "james-output");
        reader.setDaemon(true);
        reader.start();
        Matcher ready = awaitReady();
        this.smtp = Integer.parseInt(ready.group(1));
        this.imap = Integer.parseInt(ready.group(3));
        this.webAdmin = Integer.parseInt(ready.group(4));
    }

    /**
     * @param launcherArguments the demo launcher's options after {@code --home}, e.g. {@code --extensions DIR}
     */
    static JamesProcess start(Path appTarget, Path home, String maxHeap, List<String> launcherArguments) throws Exception {
        String classPath = appTarget.resolve("classes") + java.io.File.pathSeparator
            + Files.readString(appTarget.resolve("classpath.txt")).strip();
        Path gcLog = home.resolve("gc.log");
        Files.createDirectories(home);
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + maxHeap, "-Xlog:gc:file=" + gcLog, "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + home));
        // e.g. -Dteaminbox.e2e.serverJvmOptions=-XX:StartFlightRecording=filename=/tmp/b.jfr,settings=profile to profile a server
        String extraOptions = System.getProperty("teaminbox.e2e.serverJvmOptions", "").strip();
        if (!extraOptions.isEmpty()) {
            command.addAll(List.of(extraOptions.split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath, "com.teaminbox.demo.DemoServer", "--home", home.resolve("james").toString(), "--random-ports"));
        command.addAll(launcherArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new JamesProcess(process, gcLog);
    }

    /** Keeps the server's output for {@link #outOfMemory()}, and a copy in {@code server.log} beside the GC log. */
    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             java.io.Writer log = Files.newBufferedWriter(gcLog.resolveSibling("server.log"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line + "\n");
                log.flush();
                lines.add(line);
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            lines.add("(output closed: " + e.getMessage() + ")");
        }
    }

    private Matcher awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    return ready;
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new IllegalStateException("James did not start:\n" + String.join("\n", output()));
    }

    List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    boolean outOfMemory() {
        return output().stream().anyMatch(line -> line.contains("OutOfMemoryError"));
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
