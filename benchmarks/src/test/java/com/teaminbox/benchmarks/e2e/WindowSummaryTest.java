package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class WindowSummaryTest {
    @Test
    void windowPairsShouldAlternateWhichServerGoesFirst() {
        String order = IntStream.range(0, 4).mapToObj(pair -> EndToEndBenchmark.stockFirst(pair) ? "ab" : "ba")
            .reduce("", String::concat);

        assertThat(order).isEqualTo("abbaabba");
    }

    @Test
    void theFigureShouldBeTheMedianOfTheWindowPairsAndTheTotalsBesideIt() {
        // (a) 4 ms per mail in every window; (b) 5, 5, 5 and one slow window of 10 (the machine's slow minute)
        List<EndToEndBenchmark.Window> windows = new ArrayList<>();
        double[] ours = {5, 5, 10, 5};
        for (int pair = 0; pair < ours.length; pair++) {
            windows.add(window(pair, true, 4, 0.5));
            windows.add(window(pair, false, ours[pair], 0.0));
        }

        WindowSummary summary = WindowSummary.of(windows);

        assertThat(summary.mailCpu().values()).containsExactly(0.8, 0.8, 0.4, 0.8);
        assertThat(summary.mailCpu().median()).isCloseTo(0.8, within(1e-9));
        assertThat(summary.mailCpu().quantile(0)).isCloseTo(0.4, within(1e-9));
        assertThat(summary.mailCpu().quantile(0.25)).isCloseTo(0.7, within(1e-9));
        assertThat(summary.totalMailCpu()).isCloseTo(16.0 / 25.0, within(1e-9));
        assertThat(summary.idleOurs()).isCloseTo(0.5, within(1e-9)); // (b)'s CPU during (a)'s windows, per mail of them
        assertThat(summary.idleStock()).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void theJitShouldBeShownApartAndTheLaterHalfOfTheSeriesAlone() {
        // (a) 4 ms per mail, of which JIT 2, 2, 1, 0; (b) 6 ms, of which JIT 3, 2, 1, 1: the JIT's share falls as the servers age
        double[] stockJit = {2, 2, 1, 0};
        double[] ourJit = {3, 2, 1, 1};
        List<EndToEndBenchmark.Window> windows = new ArrayList<>();
        for (int pair = 0; pair < stockJit.length; pair++) {
            windows.add(window(pair, true, 4, stockJit[pair], 0));
            windows.add(window(pair, false, 6, ourJit[pair], 0));
        }

        WindowSummary summary = WindowSummary.of(windows);

        assertThat(summary.cpuOutsideJit().values()).usingComparatorWithPrecision(1e-9).containsExactly(2.0 / 3, 2.0 / 4, 3.0 / 5, 4.0 / 5);
        assertThat(summary.totalCpuOutsideJit()).isCloseTo(11.0 / 17, within(1e-9));
        assertThat(summary.laterCpu().values()).usingComparatorWithPrecision(1e-9).containsExactly(4.0 / 6, 4.0 / 6); // window pairs 2 and 3
        assertThat(summary.describe()).contains("outside the JIT compiler threads 0.65 over all windows; median 0.63");
    }

    @Test
    void forksShouldBeReadByTheMedianOfTheirMedians() {
        // three fresh pairs of servers: (b) at 5, 8 and 5.5 ms per mail against (a)'s 4 in every window
        List<WindowSummary.Fork> forks = new ArrayList<>();
        for (double ours : new double[] {5, 8, 5.5}) {
            List<EndToEndBenchmark.Window> windows = List.of(window(0, true, 4, 0), window(0, false, ours, 0), window(1, false, ours, 0),
                window(1, true, 4, 0));
            forks.add(new WindowSummary.Fork(WindowSummary.total("(a)", windows, true), WindowSummary.total("(b)", windows, false),
                WindowSummary.of(windows)));
        }

        assertThat(WindowSummary.Fork.median(forks, summary -> summary.cpu().median())).isCloseTo(4 / 5.5, within(1e-9));
        assertThat(WindowSummary.Fork.values(forks, WindowSummary::totalCpu)).isEqualTo("0.80, 0.50, 0.73");
        assertThat(WindowSummary.Fork.describe(forks)).startsWith("over 3 forks (fresh pairs of servers): server CPU per delivered message"
            + " a/b median 0.73 (forks' medians 0.80, 0.50, 0.73; their totals 0.80, 0.50, 0.73)");
    }

    @Test
    void aServersWindowsShouldAddUpToOneResult() {
        List<EndToEndBenchmark.Window> windows = List.of(window(0, true, 4, 0), window(0, false, 6, 0), window(1, false, 8, 0),
            window(1, true, 2, 0));

        EndToEndBenchmark.Result stock = WindowSummary.total("(a)", windows, true);

        assertThat(stock.delivered).isEqualTo(200);
        assertThat(stock.seconds).isCloseTo(2.0, within(1e-9));
        assertThat(ResultsTable.cpuMillisPerMail(stock)).isCloseTo(3.0, within(1e-9));
        assertThat(stock.serverCpu.orElseThrow().secondsByGroup()).containsOnlyKeys("spooler-");
        assertThat(stock.serverCpu.orElseThrow().secondsByGroup().get("spooler-")).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void stealShouldBeReadFromTheMachinesFirstLine() {
        MachineCpu earlier = MachineCpu.parse("cpu  6950 3631 2055 42453 134 0 50 3 0 0");
        MachineCpu later = MachineCpu.parse("cpu  7050 3631 2055 42553 134 0 50 13 0 0");

        assertThat(later.stealShareSince(earlier)).isCloseTo(10.0 / 210.0, within(1e-9));
        assertThat(later.busySecondsSince(earlier)).isCloseTo(1.0, within(1e-9)); // user 100 ticks; idle and steal are not busy
    }

    /** A window of 100 mails in one second, the server at {@code millisPerMail}, the other server at {@code otherMillisPerMail}. */
    private static EndToEndBenchmark.Window window(int pair, boolean stock, double millisPerMail, double otherMillisPerMail) {
        return window(pair, stock, millisPerMail, 0, otherMillisPerMail);
    }

    /** The same, {@code jitMillisPerMail} of the server's CPU in its JIT compiler threads. */
    private static EndToEndBenchmark.Window window(int pair, boolean stock, double millisPerMail, double jitMillisPerMail,
                                                   double otherMillisPerMail) {
        EndToEndBenchmark.Result result = new EndToEndBenchmark.Result(stock ? "(a)" : "(b)", 100, 1.0, new double[100]);
        result.delivered = 100;
        result.deliveries = 100;
        double seconds = millisPerMail * 100 / 1000;
        double jit = jitMillisPerMail * 100 / 1000;
        result.serverCpu = Optional.of(new ServerCpu(seconds, jit == 0 ? Map.of() : Map.of("9", jit), Map.of(),
            Map.of("7", seconds - jit), Map.of("7", "spooler-")));
        result.clientCpu = Optional.of(new ServerCpu(0.01, Map.of(), Map.of(), Map.of(), Map.of()));
        double other = otherMillisPerMail * 100 / 1000;
        return new EndToEndBenchmark.Window(pair, stock, result, Optional.of(new ServerCpu(other, Map.of(), Map.of(), Map.of(), Map.of())),
            0.0, 1.0, true, 1.0, true, 0.0, new JitRecording.Span(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)));
    }
}
