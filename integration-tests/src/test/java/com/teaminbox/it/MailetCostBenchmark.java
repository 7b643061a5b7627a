package com.teaminbox.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, fourth round: the CPU each mailet of the shared-mailbox processor's ticket part costs
 * per mail on the spooler's path (SplitPerSharedMailbox, AssignTicket, Acknowledge), in one
 * server, with the server's audit trail and without records (to tell the mailet's work from its
 * records), in interleaved rounds. Mails from one customer, so that after the daily cap most
 * acknowledgements are suppressed, as in {@code ./benchmark e2e}. Not part of the suite:
 * <pre>
 * mvn -o -B -pl integration-tests -am verify -Dtest=MailetCostBenchmark -Dmailet.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "mailet.benchmark", matches = "true")
class MailetCostBenchmark {
    private static final int MAILS = Integer.getInteger("mailet.benchmark.mails", 2_000);
    private static final int ROUNDS = 3;
    private static final List<String> MAILETS = List.of("SplitPerSharedMailbox", "AssignTicket", "Acknowledge");

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> { }, List.of(), MailetCostProbe.MODULE);

    @Test
    void measure() throws Exception {
        MailetCostMeter meter = server.probe(MailetCostProbe.class).meter();
        List<String> templates = MailetCostMeter.templates();
        meter.run(true, templates, MAILS);
        meter.run(false, templates, MAILS);
        List<MailetCostMeter.Cost> costs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            costs.add(meter.run(true, templates, MAILS));
            costs.add(meter.run(false, templates, MAILS));
        }
        StringBuilder report = new StringBuilder("\n| variant | mails |");
        MAILETS.forEach(mailet -> report.append(' ').append(mailet).append(" µs |"));
        report.append("\n|---|---:|").append("---:|".repeat(MAILETS.size())).append('\n');
        for (MailetCostMeter.Cost cost : costs) {
            report.append("| ").append(cost.variant()).append(" | ").append(cost.mails()).append(" |");
            MAILETS.forEach(mailet -> report.append(String.format(" %.1f |", cost.microsPerMail(mailet))));
            report.append('\n');
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "mailet-cost-benchmark.md"), report);
    }
}
