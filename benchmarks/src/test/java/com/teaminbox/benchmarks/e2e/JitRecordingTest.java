package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JitRecordingTest {
    private static final Instant T0 = Instant.parse("2026-12-08T03:00:00Z");

    /** A JVM started with the option the benchmark gives each server writes the compiles of its busy method on the way out. */
    @Test
    void aServerStartedWithTheOptionRecordsItsCompilesAndTheyAreReadBackAsOurs(@TempDir Path home) throws Exception {
        Path settings = JitRecording.writeSettings(home);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            JitRecording.jvmOption(home, settings), "-cp", System.getProperty("java.class.path"), BusyMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(home.resolve("out.txt"))).isZero();

        JitRecording.InWindows all = JitRecording.read(JitRecording.recordingOf(home), List.of(new JitRecording.Span(Instant.MIN, Instant.MAX)));
        assertThat(all.compiles()).isNotEmpty();
        assertThat(all.ourRoots()).extracting(Map.Entry::getKey).contains("JitRecordingTest$BusyMain.spin");
        assertThat(all.ourSeconds()).isPositive();

        JitRecording.InWindows none = JitRecording.read(JitRecording.recordingOf(home), List.of(new JitRecording.Span(Instant.MIN, Instant.EPOCH)));
        assertThat(none.compiles()).isEmpty();
        assertThat(none.deoptimizations()).isZero();
    }

    @Test
    void onlyCompilesThatBeganInsideAWindowCountAndOursAreSummedByRoot() {
        JitRecording.Compile ourFirst = compile("com.teaminbox.core.audit.AuditRecord", "chainLine", 4, 300, 5);
        JitRecording.Compile ourAgain = compile("com.teaminbox.core.audit.AuditRecord", "chainLine", 4, 100, 25);
        JitRecording.Compile shadedLucene = compile("com.teaminbox.internal.lucene.index.IndexingChain", "processField", 3, 50, 6);
        JitRecording.Compile james = compile("org.apache.james.smtpserver.DataLineJamesMessageHookHandler", "onLine", 4, 700, 7);
        List<JitRecording.Span> windows = List.of(new JitRecording.Span(T0, T0.plusSeconds(10)), new JitRecording.Span(T0.plusSeconds(20),
            T0.plusSeconds(30)));
        List<JitRecording.Compile> inside = List.of(ourFirst, ourAgain, shadedLucene, james).stream()
            .filter(compile -> windows.stream().anyMatch(window -> window.holds(compile.start()))).toList();
        JitRecording.InWindows compiles = new JitRecording.InWindows(inside, 3, 1);

        assertThat(windows.get(0).holds(T0.plusSeconds(10))).isFalse();
        assertThat(compiles.seconds(true)).isCloseTo(1.1, within(1e-9));
        assertThat(compiles.seconds(false)).isCloseTo(0.05, within(1e-9));
        assertThat(compiles.ourSeconds()).isCloseTo(0.45, within(1e-9));
        assertThat(compiles.ourRoots()).extracting(Map.Entry::getKey).containsExactly("AuditRecord.chainLine", "IndexingChain.processField");
        assertThat(compiles.ourRoots().get(0).getValue()).containsExactly(0.4, 2.0);
        assertThat(compiles.describe("(b)")).startsWith("(b) compiles in its windows: C2 1.10 s, C1 0.05 s (4 compiles); rooted in our code 0.45 s;"
            + " deoptimizations 3 (in our code 1); our costliest roots: AuditRecord.chainLine 0.40 s (2), IndexingChain.processField 0.05 s (1)");
        assertThat(JitRecording.InWindows.sum(List.of(compiles, compiles)).ourSeconds()).isCloseTo(0.9, within(1e-9));
    }

    private static JitRecording.Compile compile(String type, String method, int level, long millis, long secondsAfterT0) {
        return new JitRecording.Compile(type, method, level, Duration.ofMillis(millis), T0.plusSeconds(secondsAfterT0));
    }

    /** Runs one method often enough for the JIT to compile it, then exits (the recording is written on the way out). */
    public static final class BusyMain {
        public static void main(String[] args) {
            long sum = 0;
            for (int round = 0; round < 200_000; round++) {
                sum += spin(round);
            }
            System.out.println(sum);
        }

        static long spin(int round) {
            long value = round;
            for (int step = 0; step < 20; step++) {
                value = value * 31 + step;
            }
            return value;
        }
    }
}
