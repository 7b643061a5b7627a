package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * What the JIT compiled inside a server's measured windows ({@code ./benchmark e2e --jit-record}):
 * each server records HotSpot's own compilation and deoptimization events (Flight Recorder, those
 * two event types only, the same for both servers), and after the series the compiles that began
 * inside that server's windows are summed by tier and by whose code they compile: a compile's root
 * in TeamInbox's packages ({@code com.teaminbox}, the shaded Lucene included) or anyone else's.
 *
 * <p>Why: in the windows the compiler threads are 40 to 55 % of both servers' CPU, and (b)'s
 * compiler threads cost more than (a)'s (docs/benchmarks.md, issue 18's sixteenth round). A compile's
 * time is wall time on a compiler thread that shares two cores with the server's other threads, so
 * these seconds exceed the compiler threads' CPU (about twice, in the first runs); they compare
 * compiles with each other and (a) with (b), and show which of our methods the JIT spends them on.
 */
final class JitRecording {
    /** The package of every class of ours, the shaded Lucene ({@code com.teaminbox.internal.lucene}) included. */
    static final String OUR_PACKAGE = "com.teaminbox.";
    private static final int OUR_ROOTS_SHOWN = 6;

    private JitRecording() {
    }

    /** A span of one server's measured window, wall clock. */
    record Span(Instant from, Instant to) {
        boolean holds(Instant instant) {
            return !instant.isBefore(from) && instant.isBefore(to);
        }
    }

    /** One compile as HotSpot reports it: its root method's class (dotted) and name, tier, wall time. */
    record Compile(String className, String methodName, int level, Duration duration, Instant start) {
        boolean ours() {
            return className.startsWith(OUR_PACKAGE);
        }

        boolean topTier() {
            return level == 4;
        }

        String root() {
            return className.substring(className.lastIndexOf('.') + 1) + "." + methodName;
        }
    }

    /** The compiles inside a server's windows, and how many of its deoptimizations fell in them (ours apart). */
    record InWindows(List<Compile> compiles, int deoptimizations, int ourDeoptimizations) {
        double seconds(boolean topTier) {
            return compiles.stream().filter(compile -> compile.topTier() == topTier).mapToDouble(JitRecording::secondsOf).sum();
        }

        double ourSeconds() {
            return compiles.stream().filter(Compile::ours).mapToDouble(JitRecording::secondsOf).sum();
        }

        /** Our compile roots, the costliest first: seconds and compiles per root. */
        List<Map.Entry<String, double[]>> ourRoots() {
            Map<String, double[]> byRoot = new HashMap<>();
            for (Compile compile : compiles) {
                if (compile.ours()) {
                    double[] total = byRoot.computeIfAbsent(compile.root(), root -> new double[2]);
                    total[0] += secondsOf(compile);
                    total[1]++;
                }
            }
            List<Map.Entry<String, double[]>> roots = new ArrayList<>(byRoot.entrySet());
            roots.sort(Comparator.comparingDouble((Map.Entry<String, double[]> root) -> -root.getValue()[0]).thenComparing(Map.Entry::getKey));
            return roots;
        }

        static InWindows sum(List<InWindows> parts) {
            List<Compile> all = new ArrayList<>();
            int deoptimizations = 0;
            int ours = 0;
            for (InWindows part : parts) {
                all.addAll(part.compiles);
                deoptimizations += part.deoptimizations;
                ours += part.ourDeoptimizations;
            }
            return new InWindows(all, deoptimizations, ours);
        }

        /** One line: the tiers' seconds, ours apart, deoptimizations, and our costliest roots. */
        String describe(String server) {
            StringBuilder roots = new StringBuilder();
            List<Map.Entry<String, double[]>> ourRoots = ourRoots();
            for (Map.Entry<String, double[]> root : ourRoots.subList(0, Math.min(OUR_ROOTS_SHOWN, ourRoots.size()))) {
                roots.append(roots.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.2f s (%d)", root.getKey(), root.getValue()[0], (int) root.getValue()[1]));
            }
            return String.format(Locale.ROOT, "%s compiles in its windows: C2 %.2f s, C1 %.2f s (%d compiles); rooted in our code %.2f s;"
                    + " deoptimizations %d (in our code %d)%s", server, seconds(true), seconds(false), compiles.size(), ourSeconds(),
                deoptimizations, ourDeoptimizations, roots.length() == 0 ? "" : "; our costliest roots: " + roots);
        }
    }

    /**
     * The Flight Recorder settings: HotSpot's compilations (every one, however short) and
     * deoptimizations, nothing else, so that both servers carry the same small recording.
     */
    static Path writeSettings(Path directory) throws IOException {
        Path settings = directory.resolve("jit-only.jfc");
        Files.writeString(settings, """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="compiles" description="HotSpot's compilations and deoptimizations only">
              <event name="jdk.Compilation">
                <setting name="enabled">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
              <event name="jdk.Deoptimization">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">false</setting>
              </event>
            </configuration>
            """);
        return settings;
    }

    /** The server's JVM option: a recording written to {@code home}/jit.jfr when the server stops. */
    static String jvmOption(Path home, Path settings) {
        return "-XX:StartFlightRecording=filename=" + recordingOf(home) + ",settings=" + settings;
    }

    static Path recordingOf(Path home) {
        return home.resolve("jit.jfr");
    }

    /** The compiles and deoptimizations of a stopped server's recording that began inside its windows. */
    static InWindows read(Path recording, List<Span> windows) throws IOException {
        List<Compile> compiles = new ArrayList<>();
        Map<Long, Compile> byId = new HashMap<>();
        List<RecordedEvent> deoptimizations = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            switch (event.getEventType().getName()) {
                case "jdk.Compilation" -> {
                    RecordedMethod method = event.getValue("method");
                    Compile compile = new Compile(method.getType().getName(), method.getName(), event.getInt("compileLevel"),
                        event.getDuration(), event.getStartTime());
                    byId.put(event.getLong("compileId"), compile);
                    if (inside(windows, compile.start())) {
                        compiles.add(compile);
                    }
                }
                case "jdk.Deoptimization" -> deoptimizations.add(event);
                default -> {
                }
            }
        }
        int inWindows = 0;
        int ours = 0;
        for (RecordedEvent deoptimization : deoptimizations) {
            if (inside(windows, deoptimization.getStartTime())) {
                inWindows++;
                Compile root = byId.get(deoptimization.getLong("compileId"));
                RecordedMethod trap = deoptimization.getValue("method");
                if ((root != null && root.ours()) || (trap != null && trap.getType().getName().startsWith(OUR_PACKAGE))) {
                    ours++;
                }
            }
        }
        return new InWindows(compiles, inWindows, ours);
    }

    private static boolean inside(List<Span> windows, Instant instant) {
        return windows.stream().anyMatch(window -> window.holds(instant));
    }

    private static double secondsOf(Compile compile) {
        return compile.duration().toNanos() / 1e9;
    }
}
