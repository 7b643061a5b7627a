package com.teaminbox.james.sla;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 18: the CPU of building one SLA ledger message of {@value #FACTS} facts (what the SLA
 * listener thread does per 50 ms of facts under load), written as plain lines and through javax.mail
 * as until 2026-12-06, in interleaved rounds of {@value #MESSAGES}, CPU of this thread
 * (docs/benchmarks.md, "The mailbox layer's work per mail in (b), fourth round"). Rounds 1 to 3 are the
 * JIT's first tier at work (the regime of a {@code --quick} pair), the last ones compiled. Not part of
 * the suite (it measures, it asserts nothing):
 * <pre>
 * mvn -o -B -pl extension -am test -Dtest=SlaLedgerEntryBenchmark -Dsla.entry.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "sla.entry.benchmark", matches = "true")
class SlaLedgerEntryBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int FACTS = 12;
    private static final int MESSAGES = 2_000;
    private static final int ROUNDS = 8;

    @Test
    void measure() throws Exception {
        MailAddress support = new MailAddress("support@example.test");
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        for (int i = 0; i < FACTS; i++) {
            facts.add(Map.entry(SlaLedger.ENTRY_HEADER, "ticket=SUP-" + (1_000 + i) + " kind=opened at=2026-12-07T09:00:00.123Z actor=jane%40customer.test"));
        }
        StringBuilder report = new StringBuilder("\n| round | through javax.mail (until 2026-12-06) | as plain lines (now) |\n|---:|---:|---:|\n");
        long sink = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < MESSAGES; i++) {
                sink += SlaLedger.entryThroughJavaMail(support, FACTS + " facts", facts).length;
            }
            long javaMail = THREADS.getCurrentThreadCpuTime() - start;
            start = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < MESSAGES; i++) {
                sink += SlaLedger.entry(support, FACTS + " facts", facts).length;
            }
            long plain = THREADS.getCurrentThreadCpuTime() - start;
            report.append(String.format("| %d | %.1f µs | %.1f µs |%n", round, javaMail / 1_000.0 / MESSAGES, plain / 1_000.0 / MESSAGES));
        }
        System.out.println(report + "(" + sink + " bytes written)");
    }
}
